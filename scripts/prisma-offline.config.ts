// Prisma CLI configuration for commands that need no database (`migrate diff` between schemas).
import { defineConfig } from 'prisma/config';

export default defineConfig({ schema: '../prisma/schema.prisma' });
