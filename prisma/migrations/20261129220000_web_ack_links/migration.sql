-- CreateTable
CREATE TABLE "EscalationAckLink" (
    "tokenHash" TEXT NOT NULL,
    "escalationId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "epoch" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscalationAckLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "EscalationAckLink_escalationId_idx" ON "EscalationAckLink"("escalationId");

-- CreateIndex
CREATE INDEX "EscalationAckLink_expiresAt_idx" ON "EscalationAckLink"("expiresAt");
