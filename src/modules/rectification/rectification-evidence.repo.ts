/**
 * SQL of evidence files (佐证材料) of tasks: the `evidence` rows that point at content-addressed files
 * in the evidence store (src/modules/evidence).
 */
import type { Knex } from 'knex';
import { toGlobalId } from '../../shared/global-id.js';
import { toDate } from '../../shared/timestamps.js';

/** An evidence file as the API shows it. */
export interface EvidenceRow {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  downloadPath: string;
}

/** A stored evidence row, as the download route reads it. */
export interface StoredEvidence {
  id: number;
  rectification_id: number;
  sha256: string;
  file_name: string;
  content_type: string;
}

/** Evidence of a task, in upload order. */
export async function evidenceOfTask(knex: Knex, taskId: number): Promise<EvidenceRow[]> {
  const rows = (await knex('evidence').select('*').where('rectification_id', taskId).orderBy('id')) as Record<
    string,
    unknown
  >[];
  return rows.map((e) => {
    const id = toGlobalId('Evidence', e.id as number);
    return {
      id,
      fileName: e.file_name as string,
      contentType: e.content_type as string,
      size: Number(e.size),
      sha256: e.sha256 as string,
      uploadedAt: toDate(e.at),
      downloadPath: `/evidence/${id}`,
    };
  });
}

/** Those of the evidence ids that were uploaded to this task. */
export async function evidenceOfTaskByIds(
  knex: Knex,
  taskId: number,
  ids: readonly number[],
): Promise<{ id: number; sha256: string; fileName: string }[]> {
  const rows = (await knex('evidence')
    .select('id', 'sha256', 'file_name')
    .whereIn('id', ids as number[])
    .where('rectification_id', taskId)) as { id: number; sha256: string; file_name: string }[];
  return rows.map((e) => ({ id: e.id, sha256: e.sha256, fileName: e.file_name }));
}

export async function evidenceById(knex: Knex, id: number): Promise<StoredEvidence | undefined> {
  return (await knex('evidence').select('*').where('id', id).first()) as StoredEvidence | undefined;
}

/** Records an uploaded file for a task; returns its id. */
export async function insertEvidence(
  knex: Knex,
  e: {
    taskId: number;
    sha256: string;
    fileName: string;
    contentType: string;
    size: number;
    uploadedById: number | null;
    uploadedByUser: string;
  },
): Promise<number> {
  const [row] = (await knex('evidence')
    .insert({
      rectification_id: e.taskId,
      sha256: e.sha256,
      file_name: e.fileName,
      content_type: e.contentType,
      size: e.size,
      uploaded_by_id: e.uploadedById,
      uploaded_by_user: e.uploadedByUser,
    })
    .returning('id')) as { id: number }[];
  return row!.id;
}
