/**
 * Map outlines from Natural Earth (world-atlas, public domain), bundled: Vietnam for the provinces' bubbles and
 * the world for the countries reached. ECharts matches map regions by name, so regions are named by ISO numeric code.
 */
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import countries50m from 'world-atlas/countries-50m.json';

// ISO 3166-1 alpha-2 -> numeric for the markets the hub's data names (platform/places/countries.ts); others show unnamed.
export const ISO_NUMERIC: Record<string, string> = {
  VN: '704', CN: '156', US: '840', KR: '410', JP: '392', AU: '036', NZ: '554', IN: '356', TH: '764', SG: '702', MY: '458',
  ID: '360', PH: '608', TW: '158', HK: '344', CA: '124', GB: '826', DE: '276', FR: '250', NL: '528', IT: '380', RU: '643',
  AE: '784', CL: '152', KH: '116', LA: '418',
};

export interface GeoJsonCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; id?: string | number; properties: { name: string; label?: string }; geometry: unknown }>;
}

let world: GeoJsonCollection | undefined;

export function worldGeoJson(): GeoJsonCollection {
  if (!world) {
    const topology = countries50m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const collection = feature(topology, topology.objects.countries) as unknown as GeoJsonCollection;
    world = {
      type: 'FeatureCollection',
      // Antarctica (010) would take a third of the map and receives no produce.
      features: collection.features
        .filter((item) => String(item.id) !== '010')
        .map((item) => ({ ...item, geometry: unwrapAntimeridian(item.geometry), properties: { name: String(item.id ?? item.properties.name), label: item.properties.name } })),
    };
  }
  return world;
}

type Ring = Array<[number, number]>;

/**
 * A ring that crosses 180° (eastern Russia, Fiji) comes with longitudes on both sides, which a flat map draws as a
 * band across the whole world; moving its western points past 180 keeps the shape in one piece.
 */
function unwrapAntimeridian(geometry: unknown): unknown {
  const shape = geometry as { type: string; coordinates: Ring[] | Ring[][] } | null;
  if (!shape) return geometry;
  const fixRing = (ring: Ring): Ring => {
    const longitudes = ring.map(([longitude]) => longitude);
    if (Math.max(...longitudes) - Math.min(...longitudes) <= 180) return ring;
    return ring.map(([longitude, latitude]) => [longitude < 0 ? longitude + 360 : longitude, latitude]);
  };
  if (shape.type === 'Polygon') return { ...shape, coordinates: (shape.coordinates as Ring[]).map(fixRing) };
  if (shape.type === 'MultiPolygon') return { ...shape, coordinates: (shape.coordinates as Ring[][]).map((polygon) => polygon.map(fixRing)) };
  return geometry;
}

export function vietnamGeoJson(): GeoJsonCollection {
  return { type: 'FeatureCollection', features: worldGeoJson().features.filter((item) => item.properties.name === ISO_NUMERIC.VN) };
}
