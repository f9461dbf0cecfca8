# Somme des premiers nombres entiers
total = 0
for i in range(1, 5):
    # à chaque tour de boucle, on ajoute i au total
    total = total + i
print("Somme :", total)
