"""Adapters: one package per backend kind behind one contract (:mod:`adapters.base`).

Each kind (``cms``, ``dpg``, ``pixieset``, ``iiif`` with its Glycerine sources) has a client,
wire types, pure mapping, the adapter, and a faithful emulator of that backend. Adapters never
import strawberry, the gateway, or one another; :mod:`adapters.emulation` is the emulators'
shared kit, :mod:`adapters.http` the shared pooled client.
"""

__all__: list[str] = []
