/**
 * Five equal classes of a percentage, light to dark. Colour-blind-safe sequential blues
 * (ColorBrewer "Blues"); the map's table carries every figure, so nothing depends on colour.
 */
export const CHOROPLETH_CLASSES = [
  { upTo: 0.2, colour: "#deebf7", label: "Under 20%" },
  { upTo: 0.4, colour: "#9ecae1", label: "20% to 39%" },
  { upTo: 0.6, colour: "#6baed6", label: "40% to 59%" },
  { upTo: 0.8, colour: "#3182bd", label: "60% to 79%" },
  { upTo: Infinity, colour: "#08519c", label: "80% or more" },
] as const;

export const colourFor = (estimate: number) => CHOROPLETH_CLASSES.find((c) => estimate < c.upTo)!.colour;
