// Sends a directory file to the engine a chunk at a time, so a file of any size goes through a
// channel with a bounded payload, and reports where the import stands after each chunk. The
// bytes are decoded as a stream: a character cut between two chunks is not broken.
import type { DeskImportProgress } from '$contract/help';
import type { ApiResult } from '$contract/result';
import { api } from './api';
import { privateCall } from './private-call';

/** Bytes of the file per chunk: well under the channel's limit even once quoted as JSON. */
const CHUNK_BYTES = 1024 * 1024;

export interface UploadProgress {
  /** Bytes of the file sent, of its size. */
  sent: number;
  size: number;
  progress: DeskImportProgress;
}

export async function uploadDirectory(
  file: File,
  onProgress: (p: UploadProgress) => void,
): Promise<ApiResult<DeskImportProgress>> {
  const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';
  const started = await privateCall((session) => api.deskImportStart({ session, format }));
  if (!started.ok) return started;
  const { importId } = started.value;
  const decoder = new TextDecoder('utf-8');
  let answer: ApiResult<DeskImportProgress> = started;
  let seq = 0;
  for (let offset = 0; offset < file.size || seq === 0; offset += CHUNK_BYTES) {
    const end = Math.min(offset + CHUNK_BYTES, file.size);
    const last = end >= file.size;
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    // A NUL is text no channel takes (refused at the edge); in a directory file it only ever
    // means a binary file, which the engine tells from the first chunk's start and its
    // replacement characters: it goes as U+FFFD, so a PDF gets its one sentence, not a field error.
    const content = decoder.decode(bytes, { stream: !last }).replaceAll('\u0000', '\ufffd');
    const payload = { importId, seq, content, last };
    answer = await privateCall((session) => api.deskImportChunk({ session, ...payload }));
    // A lost answer is asked again once: the engine answers a repeated chunk without reading it twice.
    if (!answer.ok && answer.error.code === 'unavailable')
      answer = await privateCall((session) => api.deskImportChunk({ session, ...payload }));
    if (!answer.ok) return answer;
    onProgress({ sent: end, size: file.size, progress: answer.value });
    seq++;
  }
  return answer;
}
