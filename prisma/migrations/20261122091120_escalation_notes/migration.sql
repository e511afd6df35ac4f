-- CreateTable
CREATE TABLE "EscalationNote" (
    "id" UUID NOT NULL,
    "escalationId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "noteEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscalationNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EscalationNote_escalationId_idx" ON "EscalationNote"("escalationId");

