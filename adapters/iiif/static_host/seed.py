"""Deterministic documents of the static host: collections, manifests (v2 and v3), info.json.

Everything is generated from ``random.Random(seed)``; ids are absolute URLs under the host's
``base_url``. Paths (all under ``/``):

* ``/collections/top.json`` (v3): the entry; nests ``acceptance.json`` and
  ``archive-v2.json`` and lists the variant manifests and the 400-canvas atlas.
* ``/collections/acceptance.json`` (v3): :data:`ACCEPTANCE_MANIFESTS` album manifests
  (every third one in Presentation 2.1), labels in en/fr/de.
* ``/collections/archive-v2.json`` (v2, ``collections`` + ``manifests``) nesting
  ``/collections/archive-v2-maps.json`` (v2, ``members``).
* ``/collections/broken.json`` (v3, not reachable from the top): the failure cases.
* ``/manifests/v3/variants.json`` and ``/manifests/v2/variants.json``: one canvas per quirk.
"""

from __future__ import annotations

import random

from adapters.iiif.static_host.state import ImageSpec, JSONDict, StaticHostState

__all__ = [
    "ACCEPTANCE_MANIFESTS",
    "ATLAS_CANVASES",
    "FOREIGN_MANIFEST_URL",
    "PRIVATE_MANIFEST_URL",
    "seed_state",
]

ACCEPTANCE_MANIFESTS = 24
ATLAS_CANVASES = 400
FOREIGN_MANIFEST_URL = "http://elsewhere.example/manifests/foreign.json"
PRIVATE_MANIFEST_URL = "http://169.254.169.254/manifests/metadata.json"

P2 = "http://iiif.io/api/presentation/2/context.json"
P3 = "http://iiif.io/api/presentation/3/context.json"
I2 = "http://iiif.io/api/image/2/context.json"
I2_LEVEL = "http://iiif.io/api/image/2/level{level}.json"

# (en, fr, de) subjects and places for plausible multilingual titles.
SUBJECTS = [
    ("Harbour at dawn", "Port à l'aube", "Hafen im Morgengrauen"),
    ("Botanical studies", "Études botaniques", "Botanische Studien"),
    ("Street portraits", "Portraits de rue", "Straßenporträts"),
    ("Winter market", "Marché d'hiver", "Wintermarkt"),
    ("Old town rooftops", "Toits de la vieille ville", "Dächer der Altstadt"),
    ("Railway workshops", "Ateliers ferroviaires", "Eisenbahnwerkstätten"),
    ("Coastal lighthouses", "Phares côtiers", "Küstenleuchttürme"),
    ("Mountain villages", "Villages de montagne", "Bergdörfer"),
    ("Textile patterns", "Motifs textiles", "Textilmuster"),
    ("Festival of lights", "Fête des lumières", "Lichterfest"),
]
PLACES = ["Lyon", "Hamburg", "Porto", "Gdańsk", "Trieste", "Bergen", "Ghent", "Basel"]
CANVAS_WORDS = (("Plate", "Planche", "Tafel"), ("View", "Vue", "Ansicht"))
ASPECTS = [(4, 3), (3, 2), (2, 3), (1, 1), (16, 9), (3, 4)]


def _v3_label(en: str, fr: str, de: str) -> dict[str, list[str]]:
    return {"en": [en], "fr": [fr], "de": [de]}


def _v2_label(en: str, fr: str, de: str) -> list[dict[str, str]]:
    return [
        {"@value": en, "@language": "en"},
        {"@value": fr, "@language": "fr"},
        {"@value": de, "@language": "de"},
    ]


def _dimensions(rng: random.Random) -> tuple[int, int]:
    across, down = rng.choice(ASPECTS)
    width = rng.randrange(1800, 6000, 2)
    return width, width * down // across


def _halvings(width: int, height: int, count: int = 4) -> tuple[tuple[int, int], ...]:
    return tuple(sorted((width // 2**i, height // 2**i) for i in range(count)))


def _service_block(state: StaticHostState, spec: ImageSpec) -> JSONDict:
    """The service as embedded in a manifest: v3 spelling for v3, v2 spelling for v2."""
    block: JSONDict
    if spec.version == 3:
        block = {
            "id": state.url(spec.path),
            "type": "ImageService3",
            "profile": f"level{spec.level}",
        }
        for key, value in (
            ("maxWidth", spec.max_width),
            ("maxHeight", spec.max_height),
            ("maxArea", spec.max_area),
        ):
            if value is not None:
                block[key] = value
    else:
        block = {
            "@context": I2,
            "@id": state.url(spec.path),
            "profile": I2_LEVEL.format(level=spec.level),
        }
        limits = {
            key: value
            for key, value in (
                ("maxWidth", spec.max_width),
                ("maxHeight", spec.max_height),
                ("maxArea", spec.max_area),
            )
            if value is not None
        }
        if limits:
            block["profile"] = [I2_LEVEL.format(level=spec.level), limits]
    if spec.sizes and spec.sizes_in_manifest:
        block["sizes"] = [{"width": w, "height": h} for w, h in spec.sizes]
    return block


def info_json(state: StaticHostState, spec: ImageSpec) -> JSONDict:
    """The Image API description of ``spec`` (v2 or v3 ``info.json``)."""
    tiles = [{"width": 512, "scaleFactors": [1, 2, 4, 8]}]
    sizes = [{"width": w, "height": h} for w, h in spec.sizes]
    limits = {
        key: value
        for key, value in (
            ("maxWidth", spec.max_width),
            ("maxHeight", spec.max_height),
            ("maxArea", spec.max_area),
        )
        if value is not None
    }
    if spec.version == 3:
        document: JSONDict = {
            "@context": "http://iiif.io/api/image/3/context.json",
            "id": state.url(spec.path),
            "type": "ImageService3",
            "protocol": "http://iiif.io/api/image",
            "profile": f"level{spec.level}",
            "width": spec.width,
            "height": spec.height,
            **limits,
        }
    else:
        document = {
            "@context": I2,
            "@id": state.url(spec.path),
            "protocol": "http://iiif.io/api/image",
            "width": spec.width,
            "height": spec.height,
            "profile": [
                I2_LEVEL.format(level=spec.level),
                {"formats": ["jpg"], "qualities": ["default"], **limits},
            ],
        }
    if sizes:
        document["sizes"] = sizes
    if spec.level > 0:
        document["tiles"] = tiles
    return document


def _body_id(state: StaticHostState, spec: ImageSpec | None, filename: str) -> str:
    if spec is None:
        return state.url(f"/images/{filename}")
    return state.url(f"{spec.path}/full/{'max' if spec.version == 3 else 'full'}/0/default.jpg")


def _body3(
    state: StaticHostState, spec: ImageSpec | None, size: tuple[int, int], filename: str
) -> JSONDict:
    body: JSONDict = {
        "id": _body_id(state, spec, filename),
        "type": "Image",
        "format": "image/jpeg",
        "width": size[0],
        "height": size[1],
    }
    if spec is not None:
        body["service"] = [_service_block(state, spec)]
    return body


def _canvas3(
    state: StaticHostState, manifest_path: str, index: int, label: object, body: JSONDict
) -> JSONDict:
    canvas_id = state.url(f"{manifest_path.removesuffix('.json')}/canvas/p{index}")
    width = body.get("width")
    height = body.get("height")
    if body.get("type") == "Choice":
        first = body["items"][0]  # type: ignore[index]
        width, height = first["width"], first["height"]
    canvas: JSONDict = {"id": canvas_id, "type": "Canvas", "width": width, "height": height}
    if label is not None:
        canvas["label"] = label
    canvas["items"] = [
        {
            "id": f"{canvas_id}/page/1",
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"{canvas_id}/annotation/1",
                    "type": "Annotation",
                    "motivation": "painting",
                    "body": body,
                    "target": canvas_id,
                }
            ],
        }
    ]
    return canvas


def _resource2(
    state: StaticHostState, spec: ImageSpec | None, size: tuple[int, int], filename: str
) -> JSONDict:
    resource: JSONDict = {
        "@id": _body_id(state, spec, filename),
        "@type": "dctypes:Image",
        "format": "image/jpeg",
        "width": size[0],
        "height": size[1],
    }
    if spec is not None:
        resource["service"] = _service_block(state, spec)
    return resource


def _canvas2(
    state: StaticHostState, manifest_path: str, index: int, label: object, resource: JSONDict
) -> JSONDict:
    canvas_id = state.url(f"{manifest_path.removesuffix('.json')}/canvas/c{index}")
    size = resource.get("default", resource)
    return {
        "@id": canvas_id,
        "@type": "sc:Canvas",
        "label": label,
        "width": size["width"],  # type: ignore[index]
        "height": size["height"],  # type: ignore[index]
        "images": [
            {
                "@type": "oa:Annotation",
                "motivation": "sc:painting",
                "resource": resource,
                "on": canvas_id,
            }
        ],
    }


def _manifest3(
    state: StaticHostState, path: str, label: object, canvases: list[JSONDict], **extra: object
) -> JSONDict:
    return {
        "@context": P3,
        "id": state.url(path),
        "type": "Manifest",
        "label": label,
        **extra,
        "items": canvases,
    }


def _manifest2(
    state: StaticHostState, path: str, label: object, canvases: list[JSONDict], **extra: object
) -> JSONDict:
    return {
        "@context": P2,
        "@id": state.url(path),
        "@type": "sc:Manifest",
        "label": label,
        **extra,
        "sequences": [
            {
                "@id": state.url(f"{path.removesuffix('.json')}/sequence/normal"),
                "@type": "sc:Sequence",
                "canvases": canvases,
            }
        ],
    }


def _album(
    state: StaticHostState, rng: random.Random, number: int
) -> tuple[str, tuple[str, str, str], JSONDict]:
    """One album manifest (v2 for every third album) with 5 to 9 photographs."""
    subject = SUBJECTS[number % len(SUBJECTS)]
    place = rng.choice(PLACES)
    year = rng.randrange(1952, 2024)
    en, fr, de = (f"{words}, {place} {year}" for words in subject)
    titles = (en, fr, de)
    version = 2 if number % 3 == 2 else 3
    path = f"/manifests/v{version}/album-{number:02}.json"
    canvases: list[JSONDict] = []
    for index in range(1, rng.randrange(5, 10) + 1):
        size = _dimensions(rng)
        spec = state.add_image(
            ImageSpec(
                name=f"album-{number:02}-{index:03}",
                version=version,
                level=2,
                width=size[0],
                height=size[1],
                sizes=_halvings(*size),
                sizes_in_manifest=False,
            )
        )
        words = CANVAS_WORDS[index % 2]
        filename = f"IMG_{rng.randrange(1000, 9999)}.jpg"
        if version == 3:
            label3 = _v3_label(*(f"{word} {index}" for word in words))
            canvases.append(
                _canvas3(state, path, index, label3, _body3(state, spec, size, filename))
            )
        else:
            label2 = _v2_label(*(f"{word} {index}" for word in words))
            canvases.append(
                _canvas2(state, path, index, label2, _resource2(state, spec, size, filename))
            )
    if version == 3:
        summary = _v3_label(
            f"Photographs from {place}.", f"Photographies de {place}.", f"Fotografien aus {place}."
        )
        return path, titles, _manifest3(state, path, _v3_label(*titles), canvases, summary=summary)
    description = _v2_label(
        f"Photographs from {place}.", f"Photographies de {place}.", f"Fotografien aus {place}."
    )
    return (
        path,
        titles,
        _manifest2(state, path, _v2_label(*titles), canvases, description=description),
    )


def _variants3(state: StaticHostState, rng: random.Random) -> tuple[str, JSONDict]:
    """A v3 manifest with one canvas per quirk the reader must handle."""
    path = "/manifests/v3/variants.json"
    specs = [
        ImageSpec("v3-level2-maxwidth", 3, 2, 4032, 3024, max_width=1200),
        ImageSpec("v2-in-v3", 2, 2, 3000, 2000),
        ImageSpec("v3-level0-listed", 3, 0, 4000, 3000, sizes=_halvings(4000, 3000)),
        ImageSpec(
            "v3-level0-unlisted",
            3,
            0,
            2400,
            1600,
            sizes=_halvings(2400, 1600),
            sizes_in_manifest=False,
        ),
        ImageSpec("v3-level1-maxarea", 3, 1, 6000, 4000, max_area=4_000_000),
        ImageSpec("v3-choice-natural", 3, 2, 5000, 3500),
        ImageSpec("v3-choice-xray", 3, 2, 5000, 3500),
    ]
    for spec in specs:
        state.add_image(spec)
    canvases: list[JSONDict] = []
    labels: list[object] = [
        _v3_label(
            "Level 2 with a width limit", "Niveau 2 limité en largeur", "Stufe 2 mit Breitenlimit"
        ),
        {"en": ["Image API 2 service"], "none": ["IIIF 2"]},
        _v3_label("Level 0, sizes listed", "Niveau 0, tailles listées", "Stufe 0, Größen gelistet"),
        _v3_label(
            "Level 0, sizes in info.json",
            "Niveau 0, tailles dans info.json",
            "Stufe 0, Größen in info.json",
        ),
        _v3_label(
            "Level 1 with an area limit", "Niveau 1 limité en surface", "Stufe 1 mit Flächenlimit"
        ),
    ]
    for index, (spec, label) in enumerate(zip(specs[:5], labels, strict=True), start=1):
        body = _body3(state, spec, (spec.width, spec.height), f"{spec.name}.jpg")
        canvases.append(_canvas3(state, path, index, label, body))
    choice: JSONDict = {
        "type": "Choice",
        "items": [
            _body3(state, specs[5], (5000, 3500), "natural.jpg"),
            _body3(state, specs[6], (5000, 3500), "xray.jpg"),
        ],
    }
    canvases.append(
        _canvas3(
            state, path, 6, _v3_label("Natural light", "Lumière naturelle", "Naturlicht"), choice
        )
    )
    plain = _body3(state, None, (1600, 1200), "scan-0007.jpg")
    canvases.append(_canvas3(state, path, 7, {"none": ["f. 7r"]}, plain))
    canvases.append(
        _canvas3(state, path, 8, None, _body3(state, None, (800, 600), "scan-0008.jpg"))
    )
    label = {
        "en": ["Reader variants (Presentation 3)"],
        "fr": ["Variantes du lecteur (Présentation 3)"],
        "de": ["Lesevarianten (Präsentation 3)"],
        "none": ["MS 1234"],
    }
    extra: dict[str, object] = {
        "summary": {"en": ["One canvas per quirk."], "fr": ["Une toile par particularité."]},
        "metadata": [
            {"label": {"en": ["Date"], "fr": ["Date"]}, "value": {"none": ["1890"]}},
            {"label": {"en": ["Place"]}, "value": {"en": ["Ghent"], "fr": ["Gand"]}},
        ],
        "requiredStatement": {
            "label": {"en": ["Attribution"]},
            "value": {"en": ["Gallery Gateway test host"]},
        },
        "thumbnail": [
            {
                "id": state.url(f"{specs[0].path}/full/200,/0/default.jpg"),
                "type": "Image",
                "service": [_service_block(state, specs[0])],
            }
        ],
        "partOf": [{"id": state.url("/collections/top.json"), "type": "Collection"}],
    }
    del rng  # the variants are fixed on purpose: tests check their exact values
    return path, _manifest3(state, path, label, canvases, **extra)


def _variants2(state: StaticHostState) -> tuple[str, JSONDict]:
    """A v2 manifest with one canvas per v2 quirk."""
    path = "/manifests/v2/variants.json"
    specs = [
        ImageSpec("v2-level2", 2, 2, 3200, 2400),
        ImageSpec("v2-level1-maxwidth", 2, 1, 5000, 2500, max_width=1000),
        ImageSpec("v2-level0-listed", 2, 0, 2048, 1536, sizes=_halvings(2048, 1536, 3)),
        ImageSpec("v2-choice-default", 2, 2, 3000, 4000),
    ]
    for spec in specs:
        state.add_image(spec)
    canvases = [
        _canvas2(state, path, 1, "Folio 1r", _resource2(state, specs[0], (3200, 2400), "f1r.jpg")),
        _canvas2(
            state,
            path,
            2,
            {"@value": "Folio 1v", "@language": "en"},
            _resource2(state, specs[1], (5000, 2500), "f1v.jpg"),
        ),
        _canvas2(
            state,
            path,
            3,
            _v2_label("Folio 2r", "Folio 2 recto", "Blatt 2 recto"),
            _resource2(state, specs[2], (2048, 1536), "f2r.jpg"),
        ),
        _canvas2(state, path, 4, "Folio 2v", _resource2(state, None, (1200, 1600), "folio-2v.jpg")),
    ]
    listed = _resource2(state, specs[3], (3000, 4000), "f3r.jpg")
    listed["service"] = [listed["service"], {"@context": "http://example.org/other", "@id": "x"}]
    choice: JSONDict = {
        "@type": "oa:Choice",
        "default": listed,
        "item": [_resource2(state, None, (3000, 4000), "f3r-uv.jpg")],
    }
    canvases.append(_canvas2(state, path, 5, "Folio 3r", choice))
    return path, _manifest2(
        state,
        path,
        _v2_label(
            "Reader variants (Presentation 2)",
            "Variantes du lecteur (Présentation 2)",
            "Lesevarianten (Präsentation 2)",
        ),
        canvases,
        description="Manuscript leaves, one canvas per v2 quirk.",
        attribution={"@value": "Gallery Gateway test host", "@language": "en"},
        thumbnail=state.url("/images/folio-2v-thumb.jpg"),
        metadata=[{"label": "Shelfmark", "value": "MS 1234"}],
        within=state.url("/collections/archive-v2.json"),
    )


def _atlas(state: StaticHostState, rng: random.Random) -> tuple[str, JSONDict]:
    """A v3 manifest with :data:`ATLAS_CANVASES` map sheets."""
    path = "/manifests/v3/atlas.json"
    canvases: list[JSONDict] = []
    for index in range(1, ATLAS_CANVASES + 1):
        size = (rng.randrange(6000, 9000, 2), rng.randrange(5000, 7000, 2))
        spec = state.add_image(ImageSpec(f"atlas-{index:04}", 3, 2, size[0], size[1]))
        label = _v3_label(f"Sheet {index}", f"Feuille {index}", f"Blatt {index}")
        canvases.append(_canvas3(state, path, index, label, _body3(state, spec, size, "")))
    label = _v3_label("Town atlas, 1924", "Atlas urbain, 1924", "Stadtatlas, 1924")
    return path, _manifest3(state, path, label, canvases)


def _reference3(state: StaticHostState, path: str, kind: str, document: JSONDict) -> JSONDict:
    entry: JSONDict = {"id": state.url(path), "type": kind, "label": document.get("label")}
    return entry


def seed_state(state: StaticHostState, seed: int) -> None:
    """Fill ``state`` with every document the host serves."""
    rng = random.Random(seed)
    docs = state.documents
    albums = [_album(state, rng, number) for number in range(1, ACCEPTANCE_MANIFESTS + 1)]
    for path, _, document in albums:
        docs[path] = document
    for path, document in (_variants3(state, rng), _variants2(state), _atlas(state, rng)):
        docs[path] = document

    docs["/collections/acceptance.json"] = {
        "@context": P3,
        "id": state.url("/collections/acceptance.json"),
        "type": "Collection",
        "label": _v3_label("Photo albums", "Albums photo", "Fotoalben"),
        "summary": {"en": [f"{ACCEPTANCE_MANIFESTS} albums."]},
        "items": [
            {
                "id": state.url(path),
                "type": "Manifest",
                "label": _v3_label(*titles),
            }
            for path, titles, _ in albums
        ],
    }
    maps = [path for path, _, _ in albums if path.startswith("/manifests/v2/")]
    docs["/collections/archive-v2-maps.json"] = {
        "@context": P2,
        "@id": state.url("/collections/archive-v2-maps.json"),
        "@type": "sc:Collection",
        "label": {"@value": "Maps and plans", "@language": "en"},
        "members": [
            {"@id": state.url(path), "@type": "sc:Manifest", "label": docs[path]["label"]}
            for path in maps[:3]
        ],
    }
    docs["/collections/archive-v2.json"] = {
        "@context": P2,
        "@id": state.url("/collections/archive-v2.json"),
        "@type": "sc:Collection",
        "label": _v2_label(
            "Archive (Presentation 2)", "Archives (Présentation 2)", "Archiv (Präsentation 2)"
        ),
        "description": "Manuscripts and maps described in Presentation 2.1.",
        "collections": [
            {
                "@id": state.url("/collections/archive-v2-maps.json"),
                "@type": "sc:Collection",
                "label": "Maps and plans",
            }
        ],
        "manifests": [
            {
                "@id": state.url("/manifests/v2/variants.json"),
                "@type": "sc:Manifest",
                "label": docs["/manifests/v2/variants.json"]["label"],
            },
            *(
                {"@id": state.url(path), "@type": "sc:Manifest", "label": docs[path]["label"]}
                for path in maps[3:5]
            ),
        ],
    }
    top_items = [
        _reference3(
            state,
            "/collections/acceptance.json",
            "Collection",
            docs["/collections/acceptance.json"],
        ),
        {
            "id": state.url("/collections/archive-v2.json"),
            "type": "Collection",
            "label": _v3_label(
                "Archive (Presentation 2)", "Archives (Présentation 2)", "Archiv (Präsentation 2)"
            ),
        },
        _reference3(
            state, "/manifests/v3/variants.json", "Manifest", docs["/manifests/v3/variants.json"]
        ),
        {
            "id": state.url("/manifests/v2/variants.json"),
            "type": "Manifest",
            "label": {"en": ["Reader variants (Presentation 2)"]},
        },
        _reference3(
            state, "/manifests/v3/atlas.json", "Manifest", docs["/manifests/v3/atlas.json"]
        ),
    ]
    docs["/collections/top.json"] = {
        "@context": P3,
        "id": state.url("/collections/top.json"),
        "type": "Collection",
        "label": {
            "en": ["Gallery Gateway sample IIIF host"],
            "fr": ["Hôte IIIF d'exemple de Gallery Gateway"],
            "de": ["Beispiel-IIIF-Host von Gallery Gateway"],
            "none": ["GG-IIIF"],
        },
        "items": top_items,
    }
    broken = [
        ("/manifests/missing.json", "Missing"),
        ("/manifests/not-json.json", "Not JSON"),
        ("/manifests/not-iiif.json", "Not IIIF"),
        ("/manifests/huge.json", "Huge"),
        ("/redirects/2", "Two redirects"),
        ("/redirects/5", "Five redirects"),
        ("/manifests/v3/album-01.json", "A good one"),
    ]
    docs["/collections/broken.json"] = {
        "@context": P3,
        "id": state.url("/collections/broken.json"),
        "type": "Collection",
        "label": {"en": ["Failure cases"]},
        "items": [
            *(
                {"id": state.url(path), "type": "Manifest", "label": {"en": [label]}}
                for path, label in broken
            ),
            {"id": FOREIGN_MANIFEST_URL, "type": "Manifest", "label": {"en": ["Foreign host"]}},
            {"id": PRIVATE_MANIFEST_URL, "type": "Manifest", "label": {"en": ["Private address"]}},
        ],
    }
    docs["/manifests/not-iiif.json"] = {"status": "ok", "items": []}
