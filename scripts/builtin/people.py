"""Invented names for illustrative rows (none of them is a name printed in the documents)."""
from __future__ import annotations

import random

PY_FIRST = {
    "F": ["Lorena", "Patricia", "Gabriela", "Noelia", "Rocío", "Liz", "Fátima", "Mirna", "Celeste",
          "Romina", "Analía", "Belén", "Mónica", "Natalia", "Sonia", "Graciela"],
    "M": ["Hugo", "Derlis", "Osvaldo", "Néstor", "Rubén", "Fernando", "Cristian", "Gustavo", "Arnaldo",
          "Blas", "Víctor", "Marcelo", "Diego", "Aníbal", "Édgar", "Richard"],
}
PY_LAST = ["Benítez", "Giménez", "Villalba", "Cáceres", "Duarte", "Acosta", "Ayala", "Bogado",
           "Insfrán", "Zaracho", "Florentín", "Ortiz", "Núñez", "Ferreira", "Rolón", "Galeano",
           "Escobar", "Vera", "Cabrera", "Paredes", "Brítez", "Aquino", "Riquelme", "Candia"]
TH_FIRST = {
    "F": ["Siriporn", "Kanya", "Wanida", "Pornthip", "Jintana", "Nattaya", "Ratana", "Sunisa",
          "Chutima", "Kulap", "Pimchanok", "Waraporn", "Arunee", "Duangjai", "Malee", "Supaporn",
          "Orathai", "Benjawan"],
    "M": ["Somchai", "Prasert", "Anucha", "Kittisak", "Thawatchai", "Surachai", "Wichai", "Narong",
          "Pongsak", "Chaiwat", "Teerawat", "Sakda", "Boonchai", "Phichit", "Worawut", "Yutthana"],
}
TH_LAST = ["Srisuk", "Thongdee", "Kaewmanee", "Phromma", "Saengthong", "Boonmee", "Chaiyaporn",
           "Rattanakul", "Wongsuwan", "Intharasuk", "Khamphiphat", "Suksawat", "Noiwan", "Panyadee",
           "Siriwat", "Thammarat", "Kongkaew", "Meesuk", "Phonphai", "Sombat", "Ruangrit", "Pakdee"]


class People:
    """Unique invented names, drawn from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def paraguayan(self, gender: str) -> str:
        while True:
            name = (f"{self.rng.choice(PY_FIRST[gender])} {self.rng.choice(PY_LAST)} "
                    f"{self.rng.choice(PY_LAST)}")
            if name not in self.used and name.split()[1] != name.split()[2]:
                self.used.add(name)
                return name

    def thai(self, gender: str) -> str:
        while True:
            name = f"{self.rng.choice(TH_FIRST[gender])} {self.rng.choice(TH_LAST)}"
            if name not in self.used:
                self.used.add(name)
                return name


def genders(rng: random.Random, n: int, n_female: int) -> list[str]:
    g = ["F"] * n_female + ["M"] * (n - n_female)
    rng.shuffle(g)
    return g


def spread(counts: dict[str, int]) -> list[str]:
    return [name for name, n in counts.items() for _ in range(n)]


def clamp(x: float, lo: int, hi: int) -> int:
    return int(max(lo, min(hi, round(x))))
