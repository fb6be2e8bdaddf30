/**
 * Evidence files (整改佐证材料) attached to rectification progress reports: content-addressed storage
 * (a folder, or PostgreSQL when the hub runs on one: evidence.db-store.ts says why) and the multipart
 * upload that feeds it. Callers keep the references; the sweep removes contents nobody refers to.
 *
 * Nothing trusts the client: the type comes from the bytes (an .exe renamed to .pdf is refused), the
 * size limit is enforced while the bytes arrive, and the file name is only ever metadata — the path
 * on disk is derived from the hash alone.
 */
export { EvidenceError, type EvidenceErrorCode } from './evidence.errors.js';
export {
  EvidenceStore,
  type EvidenceStorage,
  sanitiseFileName,
  DEFAULT_MAX_EVIDENCE_BYTES,
  MAX_FILE_NAME_LENGTH,
  type StoredEvidence,
  type StagedEvidence,
  type SaveLimits,
} from './evidence.store.js';
export {
  receiveUpload,
  parseSingleUpload,
  type UploadOptions,
  type SingleUpload,
} from './evidence.upload.js';
export { DatabaseEvidenceStore } from './evidence.db-store.js';
export { EvidenceBlob } from './evidence.entity.js';
export {
  evidenceStorageFor,
  sweepEvidence,
  startEvidenceSweeper,
  EVIDENCE_SWEEP_GRACE_MS,
} from './evidence.sweep.js';
