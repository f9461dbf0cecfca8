# On double un nombre plusieurs fois de suite
resultat = 1
for i in range(1, 5):
    # à chaque tour de boucle, resultat est multiplié par 2
    resultat = resultat * 2
print("Résultat :", resultat)
