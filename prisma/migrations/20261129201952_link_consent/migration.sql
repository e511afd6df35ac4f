-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "mergedIntoId" UUID;

-- AlterTable
ALTER TABLE "LinkCode" ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3),
ADD COLUMN     "confirmBy" TIMESTAMPTZ(3),
ADD COLUMN     "issuerConfirmedAt" TIMESTAMPTZ(3),
ADD COLUMN     "joinerConfirmedAt" TIMESTAMPTZ(3),
ADD COLUMN     "joinerMemberId" UUID,
ADD COLUMN     "joinerPlatform" "Platform",
ADD COLUMN     "joinerUserId" TEXT,
ADD COLUMN     "linkId" UUID,
ADD COLUMN     "linkedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "LinkCode_linkId_key" ON "LinkCode"("linkId");

-- CreateIndex
CREATE INDEX "LinkCode_joinerMemberId_idx" ON "LinkCode"("joinerMemberId");

