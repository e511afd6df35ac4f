-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "programme" TEXT,
    "language" TEXT,
    "area" TEXT,
    "decision" TEXT NOT NULL DEFAULT 'awaiting',
    "declineReason" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "firstContactOn" DATE,
    "caseId" UUID,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEnding" (
    "caseId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CaseEnding_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "CaseFollowUp" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "months" INTEGER NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "askedMemberId" UUID,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "reinvolvement" TEXT,
    "source" TEXT,
    "answeredById" UUID,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "CaseFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSignIn" (
    "tokenHash" TEXT NOT NULL,
    "memberId" UUID NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportSignIn_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "ReportSession" (
    "tokenHash" TEXT NOT NULL,
    "memberId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportSession_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "Referral_number_key" ON "Referral"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_caseId_key" ON "Referral"("caseId");

-- CreateIndex
CREATE INDEX "Referral_decision_receivedOn_idx" ON "Referral"("decision", "receivedOn");

-- CreateIndex
CREATE INDEX "Referral_receivedOn_idx" ON "Referral"("receivedOn");

-- CreateIndex
CREATE INDEX "CaseFollowUp_status_dueAt_idx" ON "CaseFollowUp"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseFollowUp_caseId_months_key" ON "CaseFollowUp"("caseId", "months");

-- CreateIndex
CREATE INDEX "ReportSignIn_memberId_idx" ON "ReportSignIn"("memberId");

-- CreateIndex
CREATE INDEX "ReportSession_expiresAt_idx" ON "ReportSession"("expiresAt");

