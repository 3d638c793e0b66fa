"""SVG outlines of Finland's wellbeing services counties, drawn on the server.

The bundled TopoJSON (Yle's 2021 division) has two objects: `hva`, one geometry per county
(the one with an empty `hva_id` is Helsinki and Åland together), and `munis`, one per
municipality. Drawing the map in Python keeps it working without JavaScript; the path
strings depend only on the file, so they are computed once per process.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from goodpractice.organisations.models import HELSINKI_CODE

TOPOJSON = Path(__file__).resolve().parent / "static" / "practices" / "finland-hva-2021.topo.json"

WIDTH = 400  # viewBox width; the height follows from the projection
PADDING = 4
# Equirectangular projection with longitudes shrunk at Finland's middle latitude, so
# that the country keeps roughly its familiar shape.
LONGITUDE_FACTOR = math.cos(math.radians(64))


@dataclass(frozen=True)
class FinlandMap:
    width: int
    height: int
    regions: dict  # region code ("VS", ..., "091" for Helsinki) -> SVG path data
    aland: str  # Åland: no wellbeing services county
    centres: dict  # region code -> (x, y) inside its largest polygon, for markers


def _decode_arcs(topology):
    """Absolute (lon, lat) points of every arc: quantised and delta-encoded in the file."""
    scale_x, scale_y = topology["transform"]["scale"]
    translate_x, translate_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def _ring_points(arc_indexes, arcs):
    """Join a ring's arcs; a negative index ~i means arc i reversed."""
    points = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end and start point.
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _ring_area_and_centroid(points):
    """Signed area and centroid of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if not area:
        return 0.0, points[0]
    return area, (cx / (6 * area), cy / (6 * area))


def _project(lon, lat):
    return lon * LONGITUDE_FACTOR, -lat


@lru_cache(maxsize=1)
def finland_map():
    with open(TOPOJSON, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = _decode_arcs(topology)
    projected = [[_project(lon, lat) for lon, lat in arc] for arc in arcs]
    xs = [x for arc in projected for x, _y in arc]
    ys = [y for arc in projected for _x, y in arc]
    min_x, min_y = min(xs), min(ys)
    factor = (WIDTH - 2 * PADDING) / (max(xs) - min_x)
    height = round((max(ys) - min_y) * factor + 2 * PADDING)

    def path(geometries):
        parts = []
        for geometry in geometries:
            for polygon in _polygons(geometry):
                for ring in polygon:
                    parts.append(_ring_path(_ring_points(ring, projected)))
        return "".join(parts)

    def to_view(x, y):
        return (x - min_x) * factor + PADDING, (y - min_y) * factor + PADDING

    def centre(geometries):
        """The centroid of the largest outer ring: where a region's marker goes."""
        best_area, best = 0.0, None
        for geometry in geometries:
            for polygon in _polygons(geometry):
                points = [to_view(x, y) for x, y in _ring_points(polygon[0], projected)]
                area, centroid = _ring_area_and_centroid(points)
                if abs(area) > best_area:
                    best_area, best = abs(area), centroid
        return (round(best[0], 1), round(best[1], 1)) if best else None

    def _ring_path(points):
        coords = []
        last = None
        for x, y in points:
            point = (
                round((x - min_x) * factor + PADDING, 1),
                round((y - min_y) * factor + PADDING, 1),
            )
            if point != last:  # drop points that round to the previous one
                coords.append(f"{point[0]:g} {point[1]:g}")
                last = point
        return "M" + "L".join(coords) + "Z"

    objects = topology["objects"]
    regions, centres = {}, {}
    for geometry in objects["hva"]["geometries"]:
        code = geometry["properties"].get("hva_id")
        if code:
            regions[code] = path([geometry])
            centres[code] = centre([geometry])
    munis = objects["munis"]["geometries"]
    helsinki = [m for m in munis if m["properties"]["id"] == HELSINKI_CODE]
    regions[HELSINKI_CODE] = path(helsinki)
    centres[HELSINKI_CODE] = centre(helsinki)
    aland = path(
        m
        for m in munis
        if not m["properties"].get("hva_id") and m["properties"]["id"] != HELSINKI_CODE
    )
    return FinlandMap(width=WIDTH, height=height, regions=regions, aland=aland, centres=centres)
