import type { Command } from '../cli-command.js';
import { accessReviewExport } from './access-review.commands.js';
import { alertsList } from './alert.commands.js';
import { canaryAdd } from './canary.commands.js';
import { auditCheckpoint, auditExport, auditVerify } from './audit.commands.js';
import { devicesRevoke, mfaReset, sessionsRevoke } from './credential.commands.js';
import { keysMaintain, keysRotate } from './key.commands.js';
import { orgCreate } from './organization.commands.js';
import { retentionRun, retentionVerify } from './retention.commands.js';
import { staffCreate, userCreate } from './user.commands.js';

/** Every command, in the order `usage` lists them. */
export const COMMANDS: readonly Command[] = [
  orgCreate,
  userCreate,
  staffCreate,
  mfaReset,
  sessionsRevoke,
  devicesRevoke,
  keysRotate,
  keysMaintain,
  auditVerify,
  auditCheckpoint,
  auditExport,
  alertsList,
  canaryAdd,
  accessReviewExport,
  retentionRun,
  retentionVerify,
];
