# Calcul du prix d'une commande de tee-shirts pour le club
def prix_total(prix, quantite):
    return prix * quantite

def avec_livraison(montant):
    if montant >= 50:
        return montant
    return montant + 5

commande = prix_total(12, 4)
print(avec_livraison(commande))
