# On divise n par 2 (division entière) jusqu'à atteindre 1
n = 100
etapes = 0
while n > 1:
    n = n // 2
    etapes = etapes + 1
print("Nombre d'étapes :", etapes)
