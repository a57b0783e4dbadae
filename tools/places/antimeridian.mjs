// TopoJSON rings are spherical: an edge from 179.9° to -180° is short. Rayray tests points in the
// plane, so such an edge is cut where it meets the antimeridian, and a region is closed along both
// edges of the map between the points where its rings cross it, paired from the south. A region
// crossing it an odd number of times holds a pole (Antarctica): it is closed through the south pole.
// Coordinates are TopoJSON's integers; `world` is how many of them make 360°.

/// The polyline cut into pieces that do not jump across the map, and the y of each cut.
export function splitAtTheAntimeridian(polyline, world) {
  const pieces = [];
  const crossings = [];
  let piece = [polyline[0]];
  for (let i = 0; i + 1 < polyline.length; i++) {
    const [a, b] = [polyline[i], polyline[i + 1]];
    if (Math.abs(a[0] - b[0]) <= world / 2) {
      piece.push(b);
      continue;
    }
    const bx = a[0] > b[0] ? b[0] + world : b[0] - world;
    const seam = a[0] > b[0] ? world : 0;
    // Both ends on the antimeridian (an edge along it): it stays on a's side, the cut is at b.
    const y = bx === a[0] ? b[1] : Math.round(a[1] + ((seam - a[0]) * (b[1] - a[1])) / (bx - a[0]));
    piece.push([seam, y]);
    pieces.push(piece);
    piece = [[world - seam, y], b];
    crossings.push(y);
  }
  pieces.push(piece);
  return { pieces: pieces.map(withoutRepeats).filter(p => p.length > 1), crossings };
}

/// The segments along x = 0 and x = world that close a region whose rings cross the antimeridian at ys.
export function closuresAlongTheAntimeridian(ys, world, southPoleY, holdsSouthPole) {
  const sorted = [...ys].sort((a, b) => a - b);
  const closures = [];
  if (sorted.length % 2 === 1) {
    if (!holdsSouthPole) throw new Error('a region crosses the antimeridian an odd number of times and is not Antarctica');
    sorted.unshift(southPoleY);
    closures.push([[0, southPoleY], [world, southPoleY]]);
  }
  for (let i = 0; i < sorted.length; i += 2) {
    if (sorted[i] === sorted[i + 1]) continue;
    for (const x of [0, world]) closures.push([[x, sorted[i]], [x, sorted[i + 1]]]);
  }
  return closures;
}

function withoutRepeats(polyline) {
  return polyline.filter((p, i) => i === 0 || p[0] !== polyline[i - 1][0] || p[1] !== polyline[i - 1][1]);
}
