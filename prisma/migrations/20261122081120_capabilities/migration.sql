-- CreateEnum
CREATE TYPE "EscalationTier" AS ENUM ('P1', 'P2', 'P3');

-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('open', 'acknowledged', 'in_progress', 'resolved');

-- CreateEnum
CREATE TYPE "DutyPosition" AS ENUM ('primary', 'backup');

-- CreateEnum
CREATE TYPE "CaseRole" AS ENUM ('mentor', 'co_mentor');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "baseline" JSONB,
ADD COLUMN     "createdById" UUID,
ADD COLUMN     "nextReviewAt" TIMESTAMPTZ(3),
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "pauseReason" TEXT,
ADD COLUMN     "positiveSteps" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "MentoringSession" ADD COLUMN     "epoch" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "paired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "venueType" TEXT;

-- AlterTable
ALTER TABLE "Debrief" ADD COLUMN     "clientState" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "engagement" TEXT,
ADD COLUMN     "lengthMinutes" INTEGER,
ADD COLUMN     "nextStepsEnc" TEXT,
ADD COLUMN     "paired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "pairedWithId" UUID,
ADD COLUMN     "practicalSupport" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "riskChange" TEXT,
ADD COLUMN     "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "wantsSupervision" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "wantsWelfare" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Escalation" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "tier" "EscalationTier" NOT NULL,
    "category" TEXT NOT NULL,
    "caseCode" TEXT,
    "reporterId" UUID NOT NULL,
    "status" "EscalationStatus" NOT NULL DEFAULT 'open',
    "epoch" INTEGER NOT NULL DEFAULT 0,
    "policy" JSONB NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "deadlineAt" TIMESTAMPTZ(3) NOT NULL,
    "clientTold" TEXT NOT NULL,
    "actionsTaken" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "detailsEnc" TEXT NOT NULL,
    "contactEnc" TEXT,
    "ackCodeHash" TEXT,
    "acknowledgedById" UUID,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "lastUpdateAt" TIMESTAMPTZ(3),
    "actionsRecorded" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "resolvedAt" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "sourceDebriefId" UUID,
    "sourceSessionId" UUID,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotaPattern" (
    "id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "position" "DutyPosition" NOT NULL,
    "coordinatorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotaPattern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyShift" (
    "id" UUID NOT NULL,
    "position" "DutyPosition" NOT NULL,
    "coordinatorId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL DEFAULT 'one-off',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutyShift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyHandover" (
    "id" UUID NOT NULL,
    "coordinatorId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DutyHandover_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAssignment" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "role" "CaseRole" NOT NULL,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CaseAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionParticipant" (
    "sessionId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "epoch" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SessionParticipant_pkey" PRIMARY KEY ("sessionId","memberId")
);

-- CreateTable
CREATE TABLE "CheckinSchedule" (
    "memberId" UUID NOT NULL,
    "weekdays" INTEGER[],
    "minute" INTEGER NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "consent" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CheckinSchedule_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "Checkin" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "deliveredAt" TIMESTAMPTZ(3),
    "answeredAt" TIMESTAMPTZ(3),
    "answer" TEXT,
    "consent" TEXT,
    "wants" TEXT,
    "weighingEnc" TEXT,
    "changeableUntil" TIMESTAMPTZ(3),
    "epoch" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checkin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WelfareFollowUp" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "checkinId" UUID,
    "rule" TEXT NOT NULL,
    "assignedToId" UUID,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closure" TEXT,
    "closedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WelfareFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionRequest" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "requesterId" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "caseCode" TEXT,
    "summaryEnc" TEXT NOT NULL,
    "preferredSupervisorId" UUID,
    "status" TEXT NOT NULL DEFAULT 'open',
    "epoch" INTEGER NOT NULL DEFAULT 0,
    "acceptedById" UUID,
    "acceptedAt" TIMESTAMPTZ(3),
    "happened" BOOLEAN,
    "helped" BOOLEAN,
    "supervisorNoteEnc" TEXT,
    "followUpAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SupervisionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionOffer" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "supervisorId" UUID NOT NULL,
    "rank" INTEGER NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '{}',
    "offeredAt" TIMESTAMPTZ(3) NOT NULL,
    "respondedAt" TIMESTAMPTZ(3),
    "response" TEXT,

    CONSTRAINT "SupervisionOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupSupervision" (
    "id" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "topic" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupSupervision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupSignup" (
    "groupId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "attended" BOOLEAN,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupSignup_pkey" PRIMARY KEY ("groupId","memberId")
);

-- CreateTable
CREATE TABLE "Contribution" (
    "id" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "themes" TEXT[],
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "credit" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "textEnc" TEXT NOT NULL,
    "redactedEnc" TEXT NOT NULL,
    "finalEnc" TEXT,
    "sourceDebriefId" UUID,
    "digestId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Contribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Digest" (
    "id" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "figures" JSONB NOT NULL DEFAULT '{}',
    "draftedAt" TIMESTAMPTZ(3) NOT NULL,
    "approvedById" UUID,
    "publishedById" UUID,
    "publishedAt" TIMESTAMPTZ(3),
    "text" TEXT,

    CONSTRAINT "Digest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_number_key" ON "Escalation"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_ackCodeHash_key" ON "Escalation"("ackCodeHash");

-- CreateIndex
CREATE INDEX "Escalation_status_raisedAt_idx" ON "Escalation"("status", "raisedAt");

-- CreateIndex
CREATE INDEX "Escalation_reporterId_idx" ON "Escalation"("reporterId");

-- CreateIndex
CREATE INDEX "RotaPattern_weekday_idx" ON "RotaPattern"("weekday");

-- CreateIndex
CREATE INDEX "DutyShift_startsAt_endsAt_idx" ON "DutyShift"("startsAt", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "DutyHandover_coordinatorId_at_key" ON "DutyHandover"("coordinatorId", "at");

-- CreateIndex
CREATE INDEX "CaseAssignment_caseId_idx" ON "CaseAssignment"("caseId");

-- CreateIndex
CREATE INDEX "CaseAssignment_memberId_endedAt_idx" ON "CaseAssignment"("memberId", "endedAt");

-- CreateIndex
CREATE INDEX "SessionParticipant_memberId_idx" ON "SessionParticipant"("memberId");

-- CreateIndex
CREATE INDEX "Checkin_memberId_dueAt_idx" ON "Checkin"("memberId", "dueAt");

-- CreateIndex
CREATE INDEX "Checkin_status_dueAt_idx" ON "Checkin"("status", "dueAt");

-- CreateIndex
CREATE INDEX "WelfareFollowUp_memberId_createdAt_idx" ON "WelfareFollowUp"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "WelfareFollowUp_assignedToId_status_idx" ON "WelfareFollowUp"("assignedToId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionRequest_number_key" ON "SupervisionRequest"("number");

-- CreateIndex
CREATE INDEX "SupervisionRequest_requesterId_createdAt_idx" ON "SupervisionRequest"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionRequest_status_createdAt_idx" ON "SupervisionRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionOffer_supervisorId_offeredAt_idx" ON "SupervisionOffer"("supervisorId", "offeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionOffer_requestId_supervisorId_key" ON "SupervisionOffer"("requestId", "supervisorId");

-- CreateIndex
CREATE INDEX "Contribution_status_createdAt_idx" ON "Contribution"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Contribution_authorId_idx" ON "Contribution"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Digest_weekStart_key" ON "Digest"("weekStart");

