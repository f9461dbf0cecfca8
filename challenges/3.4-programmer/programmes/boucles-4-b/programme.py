# Compte les lettres « i » d'un mot
mot = "Informatique"
compteur = 0
for lettre in mot:
    if lettre == "i":
        compteur = compteur + 1
print("Nombre de i :", compteur)
