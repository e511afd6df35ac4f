-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('email', 'sms');

-- CreateTable
CREATE TABLE "ContactMethod" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "kind" "ContactKind" NOT NULL,
    "addressEnc" TEXT NOT NULL,
    "delayMinutes" INTEGER NOT NULL DEFAULT 0,
    "verifiedAt" TIMESTAMPTZ(3),
    "codeHash" TEXT,
    "codeSentAt" TIMESTAMPTZ(3),
    "codeExpiresAt" TIMESTAMPTZ(3),
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "codeRound" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContactMethod_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContactMethod_memberId_kind_key" ON "ContactMethod"("memberId", "kind");

