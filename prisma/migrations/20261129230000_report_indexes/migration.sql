-- CreateIndex
CREATE INDEX "MentoringSession_endedAt_idx" ON "MentoringSession"("endedAt");

-- CreateIndex
CREATE INDEX "MentoringSession_caseId_idx" ON "MentoringSession"("caseId");

-- CreateIndex
CREATE INDEX "Debrief_sessionDate_idx" ON "Debrief"("sessionDate");

-- CreateIndex
CREATE INDEX "Debrief_sessionId_idx" ON "Debrief"("sessionId");
