-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('send', 'update');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('pending', 'running', 'done', 'failed', 'skipped', 'cancelled');

-- DropIndex
DROP INDEX "OutboxMessage_status_nextAttemptAt_priority_idx";

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "kind" "OutboxKind" NOT NULL DEFAULT 'send',
ADD COLUMN     "leaseToken" UUID,
ADD COLUMN     "originalId" UUID,
ADD COLUMN     "outcomeUnknown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateTable
CREATE TABLE "Job" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'pending',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "runAt" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "subjectKind" TEXT,
    "subjectId" TEXT,
    "fence" TEXT,
    "dedupeKey" TEXT,
    "series" TEXT,
    "schedule" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "skipReason" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "leaseToken" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_subjectKind_subjectId_idx" ON "Job"("subjectKind", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_series_dueAt_key" ON "Job"("series", "dueAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_priority_nextAttemptAt_idx" ON "OutboxMessage"("status", "priority" DESC, "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_originalId_idx" ON "OutboxMessage"("originalId");

