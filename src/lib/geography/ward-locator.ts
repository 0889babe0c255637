import type { WardBoundary } from "~/lib/db/schema";
import { isInsideRings } from "./point-in-ward";

/** Places many points in wards quickly, with exactly the answers wardContaining would give. */
export type WardLocator<Id> = {
  /** The ward holding the point, or null outside every ward (and for a NaN coordinate). */
  locate(longitude: number, latitude: number): Id | null;
};

type Ring = number[][];
type Part = { ward: number; rings: Ring[]; minX: number; minY: number; maxX: number; maxY: number };

// Cells across the longer side of the area's box. Herefordshire's 53 wards (9,700 vertices) in a
// 256 x 174 grid leave about one cell in six on a border; the rest are answered by one lookup.
const DEFAULT_CELLS_ACROSS = 256;
// Edges are widened by this much (in degrees, about 0.1 mm) before they are put in cells, so a
// point within rounding error of a border is always checked exactly, never answered by its cell.
const EDGE_MARGIN = 1e-9;
const NOWHERE = -1;
const CHECK = -2;

/**
 * A uniform grid over the wards' bounding box. Each cell knows which ward parts (polygons of a
 * ward) have an edge in it; a part with no edge in a cell holds all of the cell or none of it, so
 * one point-in-polygon test at the cell's centre decides for the whole cell (scanning each row
 * from west to east, the answer carries over until a cell with an edge). A point then needs:
 *  - no polygon test at all in a cell whose first ward holds all of it, or that no ward touches;
 *  - otherwise, the exact test of point-in-ward.ts (isInsideRings) for the parts with an edge in
 *    its cell, in the wards' input order, stopping at the first that holds it.
 * Because the exact test and the order are the same, the answer is the same as wardContaining's,
 * including its boundary rule (a point on a shared border goes to the ward east, then north, of
 * it) and its "first ward in input order wins" for overlapping wards. Holes and MultiPolygons
 * need nothing special: every ring of a part counts in the even-odd test.
 */
export function buildWardLocator<Id>(
  wards: readonly { id: Id; boundary: WardBoundary }[],
  options: { cellsAcross?: number } = {},
): WardLocator<Id> {
  const parts = wards.flatMap((ward, index) => partsOf(ward.boundary, index));
  if (parts.length === 0) return { locate: () => null };
  const minX = Math.min(...parts.map((p) => p.minX));
  const minY = Math.min(...parts.map((p) => p.minY));
  const maxX = Math.max(...parts.map((p) => p.maxX));
  const maxY = Math.max(...parts.map((p) => p.maxY));
  const across = Math.max(1, Math.floor(options.cellsAcross ?? DEFAULT_CELLS_ACROSS));
  const longest = Math.max(maxX - minX, maxY - minY) || 1;
  const cellSize = longest / across;
  const cols = Math.max(1, Math.ceil((maxX - minX) / cellSize));
  const rows = Math.max(1, Math.ceil((maxY - minY) / cellSize));
  const colOf = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / cellSize)));
  const rowOf = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellSize)));

  // Candidates per cell, in input order: the part's index, and whether it holds the whole cell.
  const candidates: { part: number; isWhole: boolean }[][] = Array.from({ length: cols * rows }, () => []);
  const edgeMark = new Int32Array(cols * rows).fill(-1);
  parts.forEach((part, p) => {
    for (const ring of part.rings) {
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1]!;
        const [bx, by] = ring[i]!;
        const c0 = colOf(Math.min(ax!, bx!) - EDGE_MARGIN);
        const c1 = colOf(Math.max(ax!, bx!) + EDGE_MARGIN);
        const r0 = rowOf(Math.min(ay!, by!) - EDGE_MARGIN);
        const r1 = rowOf(Math.max(ay!, by!) + EDGE_MARGIN);
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) edgeMark[r * cols + c] = p;
      }
    }
    const [c0, c1, r0, r1] = [colOf(part.minX), colOf(part.maxX), rowOf(part.minY), rowOf(part.maxY)];
    for (let r = r0; r <= r1; r++) {
      let known: boolean | null = null; // inside at the previous cell of this row, when it had no edge
      for (let c = c0; c <= c1; c++) {
        const cell = r * cols + c;
        if (edgeMark[cell] === p) {
          candidates[cell]!.push({ part: p, isWhole: false });
          known = null;
          continue;
        }
        known ??= isInsideRings(minX + (c + 0.5) * cellSize, minY + (r + 0.5) * cellSize, part.rings);
        if (known) candidates[cell]!.push({ part: p, isWhole: true });
      }
    }
  });

  const cellWard = new Int32Array(cols * rows);
  const checks: Part[][] = [];
  candidates.forEach((list, cell) => {
    const first = list[0];
    if (first === undefined) cellWard[cell] = NOWHERE;
    else if (first.isWhole) cellWard[cell] = parts[first.part]!.ward;
    else {
      // Up to the first part holding the whole cell: no part after it can be reached. That part
      // is kept as a check that always succeeds, with an empty ring list standing for "inside".
      const end = list.findIndex((c) => c.isWhole);
      const kept = end === -1 ? list : list.slice(0, end + 1);
      cellWard[cell] = CHECK - checks.length;
      checks.push(kept.map((c) => (c.isWhole ? { ...parts[c.part]!, rings: WHOLE } : parts[c.part]!)));
    }
  });
  const ids = wards.map((ward) => ward.id);

  return {
    locate(x, y) {
      // Also false for NaN, which is outside every ward.
      if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return null;
      const state = cellWard[rowOf(y) * cols + colOf(x)]!;
      if (state >= 0) return ids[state]!;
      if (state === NOWHERE) return null;
      for (const part of checks[CHECK - state]!) {
        if (part.rings === WHOLE || isInsideRings(x, y, part.rings)) return ids[part.ward]!;
      }
      return null;
    },
  };
}

const WHOLE: Ring[] = [];

function partsOf(boundary: WardBoundary, ward: number): Part[] {
  const polygons = boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates;
  return polygons.map((rings) => {
    const part: Part = { ward, rings, minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const ring of rings) {
      for (const [x, y] of ring) {
        part.minX = Math.min(part.minX, x!);
        part.maxX = Math.max(part.maxX, x!);
        part.minY = Math.min(part.minY, y!);
        part.maxY = Math.max(part.maxY, y!);
      }
    }
    return part;
  });
}
