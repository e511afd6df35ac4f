-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "area" TEXT,
ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "Debrief" ADD COLUMN     "travelCostPence" INTEGER,
ADD COLUMN     "travelMinutes" INTEGER;

-- AlterTable
ALTER TABLE "SessionParticipant" ADD COLUMN     "travelCostPence" INTEGER,
ADD COLUMN     "travelMinutes" INTEGER;

-- CreateTable
CREATE TABLE "MentorRecord" (
    "memberId" UUID NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 3,
    "coachId" UUID,
    "trimPractitioner" BOOLEAN NOT NULL DEFAULT false,
    "conflicts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MentorRecord_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "MentorCheck" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "referenceEnc" TEXT,
    "issuedOn" DATE NOT NULL,
    "expiresOn" DATE,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MentorCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorTraining" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "module" TEXT NOT NULL,
    "completedOn" DATE NOT NULL,
    "expiresOn" DATE,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MentorTraining_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentOverride" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "coordinatorId" UUID NOT NULL,
    "blockers" TEXT[],
    "reasonEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AssignmentOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchSuggestion" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "suggestedById" UUID NOT NULL,
    "suggestions" JSONB NOT NULL,
    "chosenMemberId" UUID,
    "chosenAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MatchSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoachSupervision" (
    "id" UUID NOT NULL,
    "mentorId" UUID NOT NULL,
    "coachId" UUID NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "mentorConfirmedAt" TIMESTAMPTZ(3),
    "coachConfirmedAt" TIMESTAMPTZ(3),
    "happenedAt" TIMESTAMPTZ(3),
    "remindedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CoachSupervision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrimPlan" (
    "escalationId" UUID NOT NULL,
    "resolverId" UUID NOT NULL,
    "askedAt" TIMESTAMPTZ(3) NOT NULL,
    "namedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TrimPlan_pkey" PRIMARY KEY ("escalationId")
);

-- CreateTable
CREATE TABLE "TrimSupport" (
    "id" UUID NOT NULL,
    "escalationId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "involvement" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'offered',
    "practitionerId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "declinedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TrimSupport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrimFollowUp" (
    "id" UUID NOT NULL,
    "supportId" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "practitionerId" UUID NOT NULL,
    "followUpEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrimFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MentorRecord_coachId_idx" ON "MentorRecord"("coachId");

-- CreateIndex
CREATE INDEX "MentorCheck_memberId_idx" ON "MentorCheck"("memberId");

-- CreateIndex
CREATE INDEX "MentorCheck_expiresOn_idx" ON "MentorCheck"("expiresOn");

-- CreateIndex
CREATE INDEX "MentorTraining_memberId_idx" ON "MentorTraining"("memberId");

-- CreateIndex
CREATE INDEX "MentorTraining_expiresOn_idx" ON "MentorTraining"("expiresOn");

-- CreateIndex
CREATE INDEX "AssignmentOverride_caseId_idx" ON "AssignmentOverride"("caseId");

-- CreateIndex
CREATE INDEX "MatchSuggestion_caseId_createdAt_idx" ON "MatchSuggestion"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "CoachSupervision_mentorId_status_idx" ON "CoachSupervision"("mentorId", "status");

-- CreateIndex
CREATE INDEX "TrimSupport_memberId_idx" ON "TrimSupport"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "TrimSupport_escalationId_memberId_key" ON "TrimSupport"("escalationId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "TrimFollowUp_supportId_stage_key" ON "TrimFollowUp"("supportId", "stage");

