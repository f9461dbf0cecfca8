"""Small challenge files for the parser and loader tests."""

from __future__ import annotations

from pathlib import Path

QCU = """---
id: {id}
competence: "1.1"
topic: operateurs
level: {level}
type: qcu
shuffle: true
---
Quelle requête cherche l'expression exacte *tri sélectif* ?

- [ ] tri sélectif
- [x] "tri sélectif"
- [ ] tri OR sélectif

## Explication
Les guillemets demandent l'expression exacte.

## Pour aller plus loin
- [Lumni](https://www.lumni.fr/)
"""

QCM = """---
id: qcm-1
competence: "4.1"
topic: mots-de-passe
level: 3
type: qcm
---
Quels mots de passe sont robustes ?

- [x] `Tr0mp3tte!Velo#Nuage`
- [ ] `azerty`
- [x] `cheval-agrafe-pile-correct-17`
- [ ] `12345678`

## Explication
La longueur compte plus que tout.
"""

QROC = """---
id: qroc-1
competence: "1.2"
topic: extensions
level: 2
type: qroc
tolerance: [t1, t2]
answers: [pdf, .pdf]
time_limit: 60
examples:
  accept: [PDF, .pdf, " Pdf "]
  refuse: [doc, pdf2]
---
Quelle extension porte un fichier PDF ?

## Explication
L'extension `.pdf`.
"""

QROCM = """---
id: qrocm-1
competence: "5.2"
topic: reseaux
level: 4
type: qrocm
mode: {mode}
tolerance: t1
answers:
  premier: [Firefox, Chrome]
  second: [Chrome, Firefox]
labels:
  premier: Premier navigateur
  second: Second navigateur
examples:
  accept:
    - {{premier: firefox, second: chrome}}
    - {{premier: Firefox, second: Chrome}}
    - {{premier: CHROME, second: FIREFOX}}
  refuse:
    - {{premier: Edge, second: Chrome}}
    - {{premier: Firefox, second: Opera}}
---
Cite deux navigateurs : {{{{premier}}}} et {{{{second}}}}.

## Explication
Firefox et Chrome sont des navigateurs.
"""


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def valid_bank(root: Path) -> Path:
    write(root, "1.1/a.md", QCU.format(id="qcu-1", level=3))
    write(root, "1.1/b.md", QCU.format(id="qcu-2", level=3))
    write(root, "4.1/qcm.md", QCM)
    write(root, "1.2/qroc.md", QROC)
    write(root, "5.2/qrocm.md", QROCM.format(mode="dep"))
    return root
