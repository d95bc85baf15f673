// Reads a SQLite write-ahead log as SQLite's recovery does (https://sqlite.org/fileformat.html,
// "The WAL file format"), to tell a torn tail, which is normal after a crash, from damage that
// SQLite would silently repair by dropping acknowledged transactions.
//
// SQLite replays frames in order while each one's cumulative checksum and salts are right, and
// stops at the first that is not; what follows is ignored. After a crash the only frames that may
// fail are those of the transaction being written when it happened, which was never acknowledged.
// So a *commit* frame of the current generation (same salts) found after a failing frame is an
// acknowledged transaction that recovery would throw away: that is damage.

const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;

export interface WalReport {
  /** Frames SQLite will replay, up to and including the last valid commit. */
  replayedFrames: number;
  /** Commit frames of the current generation that come after a failing frame: lost if opened. */
  droppedCommits: number;
  /** Why the log cannot be trusted, or null when recovery will lose nothing acknowledged. */
  damage: string | null;
}

type Checksum = [number, number];

function checksum(bytes: Uint8Array, start: number, end: number, littleEndian: boolean, seed: Checksum): Checksum {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = start; i < end; i += 8) {
    s0 = (s0 + view.getUint32(i, littleEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, littleEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * How many frames of the log the writer had committed, as the WAL-index (the `-shm` file, shared
 * memory that outlives a killed process) last said (https://sqlite.org/walformat.html): its
 * header, twice, with `mxFrame` at byte 16 and the log's salts at 32, in the machine's byte
 * order. Null when the index cannot be trusted (missing, being written, another generation).
 */
export function committedFrames(shm: Uint8Array | null, salt1: number, salt2: number): number | null {
  const HEADER = 48;
  if (!shm || shm.byteLength < 2 * HEADER) return null;
  const a = Buffer.from(shm.buffer, shm.byteOffset, HEADER);
  const b = Buffer.from(shm.buffer, shm.byteOffset + HEADER, HEADER);
  if (!a.equals(b) || a[12] !== 1) return null; // torn between its two copies, or not initialised
  const native = new DataView(shm.buffer, shm.byteOffset, HEADER);
  const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  if (native.getUint32(0, le) !== 3007000) return null;
  // The salts are copied from the log's header as bytes (big-endian there).
  if (native.getUint32(32, false) !== salt1 || native.getUint32(36, false) !== salt2) return null;
  return native.getUint32(16, le);
}

export function inspectWal(wal: Uint8Array, shm: Uint8Array | null = null): WalReport {
  if (wal.byteLength < WAL_HEADER) {
    // Empty (reset after a checkpoint) or a header torn while the first transaction was written.
    return { replayedFrames: 0, droppedCommits: 0, damage: null };
  }
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  const pageSize = view.getUint32(8);
  const frameSize = FRAME_HEADER + pageSize;
  const frameCount = Math.floor((wal.byteLength - WAL_HEADER) / frameSize);
  if (
    (magic !== MAGIC_LE && magic !== MAGIC_BE) ||
    pageSize < 512 ||
    pageSize > 65536 ||
    (pageSize & (pageSize - 1)) !== 0
  ) {
    // SQLite ignores a log without a valid header. With synchronous=FULL the header is synced
    // before any frame is written, so a whole frame behind a broken header means damage.
    return frameCount > 0
      ? { replayedFrames: 0, droppedCommits: frameCount, damage: 'its header is unreadable' }
      : { replayedFrames: 0, droppedCommits: 0, damage: null };
  }
  const littleEndian = magic === MAGIC_LE;
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  let sum = checksum(wal, 0, 24, littleEndian, [0, 0]);
  if (sum[0] !== view.getUint32(24) || sum[1] !== view.getUint32(28)) {
    return frameCount > 0
      ? { replayedFrames: 0, droppedCommits: frameCount, damage: 'its header checksum is wrong' }
      : { replayedFrames: 0, droppedCommits: 0, damage: null };
  }

  let replayedFrames = 0;
  let broken = -1;
  for (let frame = 0; frame < frameCount; frame++) {
    const at = WAL_HEADER + frame * frameSize;
    if (view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) {
      broken = frame;
      break;
    }
    sum = checksum(wal, at, at + 8, littleEndian, sum);
    sum = checksum(wal, at + FRAME_HEADER, at + frameSize, littleEndian, sum);
    if (sum[0] !== view.getUint32(at + 16) || sum[1] !== view.getUint32(at + 20)) {
      broken = frame;
      break;
    }
    if (view.getUint32(at + 4) !== 0) replayedFrames = frame + 1; // a commit frame
  }
  // The index says how far the writer had committed: a commit there that recovery would not
  // reach was acknowledged, whatever the log looks like after it (damage on the last commit
  // frame otherwise reads as a transaction torn by the crash).
  const committed = committedFrames(shm, salt1, salt2);
  if (committed !== null && committed > replayedFrames && committed <= frameCount) {
    let lost = 0;
    for (let frame = replayedFrames; frame < committed; frame++)
      if (view.getUint32(WAL_HEADER + frame * frameSize + 4) !== 0) lost++;
    return {
      replayedFrames,
      droppedCommits: lost,
      damage: `frame ${replayedFrames + 1} of ${frameCount} is damaged and ${lost} saved transaction(s) after it would be dropped`,
    };
  }
  if (broken < 0) return { replayedFrames, droppedCommits: 0, damage: null };

  let droppedCommits = 0;
  for (let frame = broken + 1; frame < frameCount; frame++) {
    const at = WAL_HEADER + frame * frameSize;
    const current = view.getUint32(at + 8) === salt1 && view.getUint32(at + 12) === salt2;
    if (current && view.getUint32(at + 4) !== 0) droppedCommits++;
  }
  return {
    replayedFrames,
    droppedCommits,
    damage:
      droppedCommits > 0
        ? `frame ${broken + 1} of ${frameCount} is damaged and ${droppedCommits} saved transaction(s) after it would be dropped`
        : null,
  };
}
