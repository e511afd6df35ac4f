-- CreateEnum
CREATE TYPE "RotationTurn" AS ENUM ('week', 'day');

-- CreateEnum
CREATE TYPE "SwapStatus" AS ENUM ('pending', 'accepted', 'declined', 'lapsed');

-- CreateTable
CREATE TABLE "DutyRotation" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" "DutyPosition" NOT NULL,
    "memberIds" UUID[],
    "turn" "RotationTurn" NOT NULL,
    "weekdays" INTEGER[],
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutyRotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutySwap" (
    "id" UUID NOT NULL,
    "position" "DutyPosition" NOT NULL,
    "requesterId" UUID NOT NULL,
    "colleagueId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "returnStartsAt" TIMESTAMPTZ(3),
    "returnEndsAt" TIMESTAMPTZ(3),
    "status" "SwapStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "DutySwap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DutyRotation_name_key" ON "DutyRotation"("name");

-- CreateIndex
CREATE INDEX "DutySwap_requesterId_status_idx" ON "DutySwap"("requesterId", "status");

-- CreateIndex
CREATE INDEX "DutySwap_colleagueId_status_idx" ON "DutySwap"("colleagueId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_memberId_idx" ON "CalendarFeed"("memberId");

