"""French and Spanish for the election observation missions' pages: msgid → (French, Spanish)."""

from __future__ import annotations

TRANSLATIONS: dict[str, tuple[str, str]] = {
    "Election observation": ("Observation électorale", "Observación electoral"),
    "Election observation missions": (
        "Missions d’observation électorale",
        "Misiones de observación electoral",
    ),
    "Recommendations of election observation missions (EU, OSCE/ODIHR, Carter Center, AU, OAS and "
    "others), set beside the UPR recommendations to the same state that say the same thing.": (
        "Les recommandations des missions d’observation électorale (UE, OSCE/BIDDH, Centre Carter, UA, "
        "OEA et autres), mises en regard des recommandations de l’EPU adressées au même État qui disent "
        "la même chose.",
        "Las recomendaciones de las misiones de observación electoral (UE, OSCE/OIDDH, Centro Carter, UA, "
        "OEA y otras), junto a las recomendaciones del EPU dirigidas al mismo Estado que dicen lo mismo.",
    ),
    "Template": ("Modèle", "Plantilla"),
    "Fill in one row per recommendation, then load the file with “rightstrack eom load FILE”.": (
        "Remplissez une ligne par recommandation, puis chargez le fichier avec « rightstrack eom load "
        "FICHIER ».",
        "Rellene una fila por recomendación y cargue el archivo con «rightstrack eom load ARCHIVO».",
    ),
    "Blank template": ("Modèle vierge", "Plantilla en blanco"),
    "Worked example": ("Exemple rempli", "Ejemplo completado"),
    "Columns": ("Colonnes", "Columnas"),
    "Missions' recommendations": ("Recommandations des missions", "Recomendaciones de las misiones"),
    "No election observation mission's recommendation is stored yet.": (
        "Aucune recommandation de mission d’observation électorale n’est encore enregistrée.",
        "Todavía no hay ninguna recomendación de misiones de observación electoral.",
    ),
    "All states": ("Tous les États", "Todos los Estados"),
    "State profile": ("Profil de l’État", "Perfil del Estado"),
    "Beside each mission's recommendation: the UPR recommendations to the same state that concern "
    "elections and say the same thing, with their similarity (0 to 1; shown from {threshold}) and the "
    "state's response.": (
        "En regard de chaque recommandation d’une mission : les recommandations de l’EPU adressées au même "
        "État qui concernent les élections et disent la même chose, avec leur similarité (de 0 à 1 ; "
        "affichée à partir de {threshold}) et la réponse de l’État.",
        "Junto a cada recomendación de una misión: las recomendaciones del EPU dirigidas al mismo Estado "
        "que se refieren a las elecciones y dicen lo mismo, con su similitud (de 0 a 1; mostrada a partir "
        "de {threshold}) y la respuesta del Estado.",
    ),
    "No election observation mission's recommendation is stored for this state.": (
        "Aucune recommandation de mission d’observation électorale n’est enregistrée pour cet État.",
        "No hay ninguna recomendación de misiones de observación electoral para este Estado.",
    ),
    "no.": ("n°", "n.º"),
    "Report": ("Rapport", "Informe"),
    "priority": ("prioritaire", "prioritaria"),
    "other": ("autre", "otra"),
    "Addressed to": ("Adressée à", "Dirigida a"),
    "Follow-up": ("Suivi", "Seguimiento"),
    "Similarity": ("Similarité", "Similitud"),
    "UPR recommendation": ("Recommandation de l’EPU", "Recomendación del EPU"),
    "Recommending states": ("États recommandants", "Estados recomendantes"),
    "Session": ("Session", "Período de sesiones"),
    "Response": ("Réponse", "Respuesta"),
    "found by its election words": (
        "trouvée par ses mots électoraux",
        "encontrada por sus palabras electorales",
    ),
    "Supported": ("Appuyée", "Apoyada"),
    "No election-related UPR recommendation to this state says the same.": (
        "Aucune recommandation de l’EPU sur les élections adressée à cet État ne dit la même chose.",
        "Ninguna recomendación del EPU sobre elecciones dirigida a este Estado dice lo mismo.",
    ),
}
