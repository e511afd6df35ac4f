-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "timeZoneAskedAt" TIMESTAMPTZ(3),
ADD COLUMN     "timeZoneSetAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Digest" ADD COLUMN     "period" TEXT NOT NULL DEFAULT 'weekly';
