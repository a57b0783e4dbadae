// Which rings contain a point, or which ring has a vertex nearest to it, for sorting GeoNames cities
// into Natural Earth polygons at build time. Rings are found through a coarse grid of their bounding
// boxes; each ring keeps its edges by latitude band, so a ray cast only walks the edges of the
// point's band. Coordinates are TopoJSON's integers; `unitKm` converts them to kilometres.
const cellSize = 1000;
const bandHeight = 100;
const vertexCellSize = 100;

export class PolygonIndex {
  #rings = [];
  #cells = new Map();
  #vertices = new Map();

  constructor(unitKm) {
    this.unitKm = unitKm;
  }

  /// Adds a ring given as polylines that together close it.
  add(polylines, tag) {
    const points = polylines.flat();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const [x, y] of points) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    const bands = new Map();
    const edges = polylines.flatMap(line => line.slice(1).map((b, i) => [line[i], b]));
    for (const [a, b] of edges) {
      const from = Math.floor(Math.min(a[1], b[1]) / bandHeight), to = Math.floor(Math.max(a[1], b[1]) / bandHeight);
      for (let band = from; band <= to; band++) {
        if (!bands.has(band)) bands.set(band, []);
        bands.get(band).push(a[0], a[1], b[0], b[1]);
      }
    }
    for (const [x, y] of points) {
      const key = Math.floor(x / vertexCellSize) * 100000 + Math.floor(y / vertexCellSize);
      if (!this.#vertices.has(key)) this.#vertices.set(key, []);
      this.#vertices.get(key).push(x, y, this.#rings.length);
    }
    const ring = { tag, minX, minY, maxX, maxY, bands };
    this.#rings.push(ring);
    for (let cx = Math.floor(minX / cellSize); cx <= Math.floor(maxX / cellSize); cx++) {
      for (let cy = Math.floor(minY / cellSize); cy <= Math.floor(maxY / cellSize); cy++) {
        const key = cx * 100000 + cy;
        if (!this.#cells.has(key)) this.#cells.set(key, []);
        this.#cells.get(key).push(ring);
      }
    }
  }

  containing(x, y) {
    const candidates = this.#cells.get(Math.floor(x / cellSize) * 100000 + Math.floor(y / cellSize)) ?? [];
    const result = [];
    for (const ring of candidates) {
      if (x < ring.minX || x > ring.maxX || y < ring.minY || y > ring.maxY) continue;
      const edges = ring.bands.get(Math.floor(y / bandHeight)) ?? [];
      let inside = false;
      for (let i = 0; i < edges.length; i += 4) {
        const [ax, ay, bx, by] = [edges[i], edges[i + 1], edges[i + 2], edges[i + 3]];
        if ((ay > y) !== (by > y) && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      }
      if (inside) result.push(ring.tag);
    }
    return result;
  }

  // The ring with a vertex nearest to (x, y) within maxKm, or undefined; maxKm must stay under a cell.
  nearest(x, y, maxKm) {
    const [kx, ky] = this.unitKm(y);
    const cx = Math.floor(x / vertexCellSize), cy = Math.floor(y / vertexCellSize);
    let best, bestKm = maxKm;
    for (let i = cx - 1; i <= cx + 1; i++) {
      for (let j = cy - 1; j <= cy + 1; j++) {
        const v = this.#vertices.get(i * 100000 + j) ?? [];
        for (let k = 0; k < v.length; k += 3) {
          const km = Math.hypot((v[k] - x) * kx, (v[k + 1] - y) * ky);
          if (km < bestKm) { bestKm = km; best = this.#rings[v[k + 2]].tag; }
        }
      }
    }
    return best;
  }
}
