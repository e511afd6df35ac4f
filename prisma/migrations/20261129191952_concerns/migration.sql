-- CreateTable
CREATE TABLE "Concern" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "caseCode" TEXT,
    "caseId" UUID,
    "source" TEXT NOT NULL,
    "sourceId" UUID,
    "category" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "accountEnc" TEXT,
    "raisedById" UUID NOT NULL,
    "ownerId" UUID,
    "takenAt" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "escalationId" UUID,
    "epoch" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,

    CONSTRAINT "Concern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcernAction" (
    "id" UUID NOT NULL,
    "concernId" UUID NOT NULL,
    "recordedBy" UUID NOT NULL,
    "doneOn" DATE NOT NULL,
    "whatEnc" TEXT NOT NULL,
    "byWhomEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConcernAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnwardReferral" (
    "id" UUID NOT NULL,
    "concernId" UUID NOT NULL,
    "agency" TEXT NOT NULL,
    "referenceEnc" TEXT,
    "referredOn" DATE NOT NULL,
    "followUpOn" DATE,
    "recordedBy" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OnwardReferral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseReview" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "attendance" TEXT,
    "agreementRevised" BOOLEAN,
    "riskLevel" TEXT NOT NULL,
    "riskFactors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewedById" UUID NOT NULL,
    "reviewedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CaseReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Concern_number_key" ON "Concern"("number");

-- CreateIndex
CREATE INDEX "Concern_status_createdAt_idx" ON "Concern"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Concern_caseId_idx" ON "Concern"("caseId");

-- CreateIndex
CREATE INDEX "Concern_caseCode_idx" ON "Concern"("caseCode");

-- CreateIndex
CREATE INDEX "Concern_escalationId_idx" ON "Concern"("escalationId");

-- CreateIndex
CREATE UNIQUE INDEX "Concern_source_sourceId_key" ON "Concern"("source", "sourceId");

-- CreateIndex
CREATE INDEX "ConcernAction_concernId_idx" ON "ConcernAction"("concernId");

-- CreateIndex
CREATE INDEX "OnwardReferral_concernId_idx" ON "OnwardReferral"("concernId");

-- CreateIndex
CREATE INDEX "CaseReview_caseId_reviewedAt_idx" ON "CaseReview"("caseId", "reviewedAt");

