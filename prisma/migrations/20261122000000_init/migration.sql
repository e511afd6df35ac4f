-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('mentor', 'peer_supervisor', 'coordinator', 'board', 'evaluator', 'admin');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('active', 'away', 'left');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('slack', 'discord', 'shell');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('open', 'paused', 'closed');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('planned', 'started', 'ended', 'cancelled');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Member" (
    "id" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "roles" "Role"[],
    "status" "MemberStatus" NOT NULL DEFAULT 'active',
    "awayUntil" TIMESTAMPTZ(3),
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "specialisms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "region" TEXT,
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "supporterId" UUID,
    "leftAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberIdentity" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "handle" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'open',
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentoringSession" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "mentorId" UUID NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'planned',
    "plannedStart" TIMESTAMPTZ(3),
    "expectedMinutes" INTEGER,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "safetyNotesEnc" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentoringSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Debrief" (
    "id" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "caseCode" TEXT NOT NULL,
    "caseId" UUID,
    "sessionId" UUID,
    "sessionDate" DATE NOT NULL,
    "sessionWent" TEXT NOT NULL,
    "feeling" INTEGER NOT NULL,
    "flagConcern" BOOLEAN NOT NULL,
    "notesEnc" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Debrief_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormDraft" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "formId" TEXT NOT NULL,
    "step" INTEGER NOT NULL DEFAULT 0,
    "answersEnc" TEXT NOT NULL,
    "context" JSONB NOT NULL DEFAULT '{}',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FormDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundReceipt" (
    "surface" "Platform" NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundReceipt_pkey" PRIMARY KEY ("surface","key")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" UUID,
    "surface" "Platform",
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "platform" "Platform" NOT NULL,
    "recipientMemberId" UUID,
    "channel" TEXT,
    "messageEnc" TEXT NOT NULL,
    "logicalKey" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "platformMessageId" TEXT,
    "platformChannelId" TEXT,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectKey" (
    "id" TEXT NOT NULL,
    "keyEnc" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "destroyedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SubjectKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "codeHash" TEXT NOT NULL,
    "memberId" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateIndex
CREATE INDEX "MemberIdentity_memberId_idx" ON "MemberIdentity"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "MemberIdentity_platform_platformUserId_key" ON "MemberIdentity"("platform", "platformUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_code_key" ON "Case"("code");

-- CreateIndex
CREATE INDEX "MentoringSession_mentorId_status_idx" ON "MentoringSession"("mentorId", "status");

-- CreateIndex
CREATE INDEX "Debrief_authorId_createdAt_idx" ON "Debrief"("authorId", "createdAt");

-- CreateIndex
CREATE INDEX "Debrief_caseCode_idx" ON "Debrief"("caseCode");

-- CreateIndex
CREATE INDEX "FormDraft_expiresAt_idx" ON "FormDraft"("expiresAt");

-- CreateIndex
CREATE INDEX "Event_subjectKind_subjectId_at_idx" ON "Event"("subjectKind", "subjectId", "at");

-- CreateIndex
CREATE INDEX "Event_actorId_at_idx" ON "Event"("actorId", "at");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_priority_idx" ON "OutboxMessage"("status", "nextAttemptAt", "priority");

-- CreateIndex
CREATE INDEX "OutboxMessage_logicalKey_idx" ON "OutboxMessage"("logicalKey");

-- CreateIndex
CREATE INDEX "LinkCode_memberId_idx" ON "LinkCode"("memberId");

-- AddForeignKey
ALTER TABLE "MemberIdentity" ADD CONSTRAINT "MemberIdentity_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Debrief" ADD CONSTRAINT "Debrief_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Debrief" ADD CONSTRAINT "Debrief_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Debrief" ADD CONSTRAINT "Debrief_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MentoringSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormDraft" ADD CONSTRAINT "FormDraft_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The event table is the audit log: append-only, enforced by the database itself.
CREATE FUNCTION "refuse_event_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "event_append_only" BEFORE UPDATE OR DELETE ON "Event" FOR EACH ROW EXECUTE FUNCTION "refuse_event_change"();
CREATE TRIGGER "event_no_truncate" BEFORE TRUNCATE ON "Event" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_event_change"();
