"""Writes the French and Spanish catalogues (rightstrack/locales/*/LC_MESSAGES/messages.po).

Run after ``make messages`` has extracted new strings: every extracted msgid must have an entry
here (the test suite checks that the catalogues cover the templates).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "rightstrack" / "locales" / "messages.pot"

# msgid: (French, Spanish)
TRANSLATIONS: dict[str, tuple[str, str]] = {
    # Implementation tracking: pages
    "Remove": ("Retirer", "Quitar"),
    "New indicator": ("Nouvel indicateur", "Nuevo indicador"),
    "Rename": ("Renommer", "Cambiar el nombre"),
    "Cluster name": ("Nom du groupe", "Nombre del grupo"),
    "plan owner": ("responsable du plan", "responsable del plan"),
    "agency contributor": ("contributeur d’une institution", "colaborador de una institución"),
    "independent assessor": ("évaluateur indépendant", "evaluador independiente"),
    "administrator": ("administrateur", "administrador"),
    "Implementation plans": ("Plans de mise en œuvre", "Planes de aplicación"),
    "Sign out": ("Se déconnecter", "Cerrar sesión"),
    "Sign in": ("Se connecter", "Iniciar sesión"),
    "User name": ("Nom d’utilisateur", "Nombre de usuario"),
    "Password": ("Mot de passe", "Contraseña"),
    "Create an account": ("Créer un compte", "Crear una cuenta"),
    "Lead agency": ("Institution chef de file", "Institución responsable principal"),
    "Supporting agencies": ("Institutions associées", "Instituciones de apoyo"),
    "Start date": ("Date de début", "Fecha de inicio"),
    "Budget": ("Budget", "Presupuesto"),
    "Description": ("Description", "Descripción"),
    "Expected outcome": ("Résultat attendu", "Resultado esperado"),
    "Recommendations it answers": (
        "Recommandations auxquelles elle répond",
        "Recomendaciones a las que responde",
    ),
    "Report progress": ("Rendre compte des progrès", "Informar sobre los avances"),
    "What was done": ("Ce qui a été fait", "Lo que se hizo"),
    "Date": ("Date", "Fecha"),
    "Evidence: web addresses, one per line": (
        "Justificatifs : adresses web, une par ligne",
        "Pruebas: direcciones web, una por línea",
    ),
    "Evidence: files": ("Justificatifs : fichiers", "Pruebas: archivos"),
    "Record progress": ("Enregistrer les progrès", "Registrar los avances"),
    "Edit the measure": ("Modifier la mesure", "Modificar la medida"),
    "Title": ("Titre", "Título"),
    "Currency": ("Devise", "Moneda"),
    "Save": ("Enregistrer", "Guardar"),
    "Delete the measure": ("Supprimer la mesure", "Eliminar la medida"),
    "Indicators": ("Indicateurs", "Indicadores"),
    "New value": ("Nouvelle valeur", "Nuevo valor"),
    "Record value": ("Enregistrer la valeur", "Registrar el valor"),
    "No indicator yet.": ("Aucun indicateur pour l’instant.", "Todavía no hay indicadores."),
    "New indicator for this measure": (
        "Nouvel indicateur pour cette mesure",
        "Nuevo indicador para esta medida",
    ),
    "Name": ("Nom", "Nombre"),
    "Unit": ("Unité", "Unidad"),
    "Add indicator": ("Ajouter l’indicateur", "Añadir el indicador"),
    "Progress reports": ("Comptes rendus d’avancement", "Informes de avance"),
    "No progress reported yet.": (
        "Aucun progrès signalé pour l’instant.",
        "Todavía no se han informado avances.",
    ),
    "published": ("publié", "publicado"),
    "not published": ("non publié", "no publicado"),
    "your role": ("votre rôle", "su función"),
    "Plan": ("Plan", "Plan"),
    "Dashboard": ("Tableau de bord", "Panel de control"),
    "History": ("Historique", "Historial"),
    "Spreadsheet (XLSX)": ("Tableur (XLSX)", "Hoja de cálculo (XLSX)"),
    "Reports": ("Rapports", "Informes"),
    "Mid-term report": ("Rapport à mi-parcours", "Informe de mitad de período"),
    "Independent assessment": ("Évaluation indépendante", "Evaluación independiente"),
    "Plan settings, agencies and members": (
        "Paramètres du plan, institutions et membres",
        "Configuración del plan, instituciones y miembros",
    ),
    "Published: everyone can read the plan": (
        "Publié : tout le monde peut lire le plan",
        "Publicado: cualquiera puede leer el plan",
    ),
    "Agencies": ("Institutions", "Instituciones"),
    "New agency": ("Nouvelle institution", "Nueva institución"),
    "Add agency": ("Ajouter l’institution", "Añadir la institución"),
    "Members": ("Membres", "Miembros"),
    "Role": ("Rôle", "Función"),
    "Agency (for contributors)": (
        "Institution (pour les contributeurs)",
        "Institución (para los colaboradores)",
    ),
    "Organisation (for assessors)": (
        "Organisation (pour les évaluateurs)",
        "Organización (para los evaluadores)",
    ),
    "Add member": ("Ajouter le membre", "Añadir el miembro"),
    "Clusters": ("Groupes thématiques", "Grupos temáticos"),
    "New cluster": ("Nouveau groupe", "Nuevo grupo"),
    "Add cluster": ("Ajouter le groupe", "Añadir el grupo"),
    "Add a recommendation (its number, e.g. a noted one)": (
        "Ajouter une recommandation (son numéro, p. ex. une recommandation notée)",
        "Añadir una recomendación (su número, p. ej. una recomendación anotada)",
    ),
    "Add": ("Ajouter", "Añadir"),
    "Import a spreadsheet": ("Importer un tableur", "Importar una hoja de cálculo"),
    "XLSX exported from this plan, or one sheet as CSV": (
        "XLSX exporté de ce plan, ou une feuille en CSV",
        "XLSX exportado de este plan, o una hoja en CSV",
    ),
    "Sheet (for CSV)": ("Feuille (pour un CSV)", "Hoja (para un CSV)"),
    "Import": ("Importer", "Importar"),
    "Measures": ("Mesures", "Medidas"),
    "yours to update": ("à vous de mettre à jour", "le corresponde actualizarla"),
    "No measure yet.": ("Aucune mesure pour l’instant.", "Todavía no hay medidas."),
    "Recommendations by cluster": (
        "Recommandations par groupe thématique",
        "Recomendaciones por grupo temático",
    ),
    "Tick recommendations to answer them with a new measure (form below); change clusters with the "
    "lists and save.": (
        "Cochez des recommandations pour y répondre par une nouvelle mesure (formulaire ci-dessous) ; "
        "changez de groupe avec les listes, puis enregistrez.",
        "Marque recomendaciones para responder a ellas con una nueva medida (formulario más abajo); "
        "cambie de grupo con las listas y guarde.",
    ),
    "Save cluster changes": ("Enregistrer les changements de groupe", "Guardar los cambios de grupo"),
    "Answer with the new measure": ("Répondre par la nouvelle mesure", "Responder con la nueva medida"),
    "government": ("gouvernement", "Gobierno"),
    "made before or again": ("déjà faite ou refaite", "ya formulada o reiterada"),
    "Withdraw": ("Retirer", "Retirar"),
    "Add assessment": ("Ajouter l’évaluation", "Añadir la evaluación"),
    "New measure": ("Nouvelle mesure", "Nueva medida"),
    "Create measure": ("Créer la mesure", "Crear la medida"),
    "Total": ("Total", "Total"),
    "Measures by agency": ("Mesures par institution", "Medidas por institución"),
    "By issue and by SDG": ("Par thème et par ODD", "Por tema y por ODS"),
    "Recommendations by issue": ("Recommandations par thème", "Recomendaciones por tema"),
    "Recommendations by SDG": ("Recommandations par ODD", "Recomendaciones por ODS"),
    "Overdue": ("Échues", "Vencidas"),
    "Nothing is overdue.": ("Rien n’est échu.", "Nada está vencido."),
    "Due within 30 days": ("Échéance dans les 30 jours", "Vencen en los próximos 30 días"),
    "Nothing is due soon.": ("Rien n’arrive à échéance prochainement.", "Nada vence próximamente."),
    "Measures by status, month by month": (
        "Mesures par état, mois par mois",
        "Medidas por estado, mes a mes",
    ),
    "Month": ("Mois", "Mes"),
    "Reminders per agency": ("Rappels par institution", "Recordatorios por institución"),
    "Send reminders by e-mail": ("Envoyer les rappels par courriel", "Enviar los recordatorios por correo"),
    "When": ("Quand", "Cuándo"),
    "Who": ("Qui", "Quién"),
    "What": ("Quoi", "Qué"),
    "Restore": ("Rétablir", "Restablecer"),
    "A plan turns the recommendations a state accepted into measures, agencies, indicators and "
    "progress reports, shared with independent assessors and, once published, with everyone.": (
        "Un plan traduit les recommandations acceptées par un État en mesures, institutions, indicateurs "
        "et comptes rendus d’avancement, partagés avec des évaluateurs indépendants et, une fois publiés, "
        "avec tous.",
        "Un plan convierte las recomendaciones que un Estado aceptó en medidas, instituciones, indicadores "
        "e informes de avance, compartidos con evaluadores independientes y, una vez publicados, con todos.",
    ),
    "Cycles": ("Cycles", "Ciclos"),
    "Published": ("Publié", "Publicado"),
    "yes": ("oui", "sí"),
    "no": ("non", "no"),
    "No plan is published yet.": (
        "Aucun plan n’est encore publié.",
        "Todavía no se ha publicado ningún plan.",
    ),
    "New plan": ("Nouveau plan", "Nuevo plan"),
    "UPR cycles": ("Cycles de l’EPU", "Ciclos del EPU"),
    "Title (optional)": ("Titre (facultatif)", "Título (opcional)"),
    "Include noted recommendations": (
        "Inclure les recommandations notées",
        "Incluir las recomendaciones anotadas",
    ),
    "Propose thematic clusters": ("Proposer des groupes thématiques", "Proponer grupos temáticos"),
    "Create plan": ("Créer le plan", "Crear el plan"),
    "to create a plan.": ("pour créer un plan.", "para crear un plan."),
    "Name shown to others": ("Nom affiché", "Nombre visible para los demás"),
    "E-mail (for reminders)": ("Courriel (pour les rappels)", "Correo electrónico (para los recordatorios)"),
    "Password (at least 10 characters)": (
        "Mot de passe (au moins 10 caractères)",
        "Contraseña (al menos 10 caracteres)",
    ),
    # Implementation tracking: reports
    "UPR cycle": ("Cycle de l’EPU", "Ciclo del EPU"),
    "no measure yet": ("aucune mesure encore", "ninguna medida aún"),
    "not started": ("non commencée", "no iniciada"),
    "in progress": ("en cours", "en curso"),
    "delayed": ("en retard", "retrasada"),
    "completed": ("achevée", "completada"),
    "fully implemented": ("pleinement mise en œuvre", "plenamente aplicada"),
    "partially implemented": ("partiellement mise en œuvre", "parcialmente aplicada"),
    "not implemented": ("non mise en œuvre", "no aplicada"),
    "Mid-term report on the implementation of the recommendations of the Universal Periodic Review": (
        "Rapport à mi-parcours sur la mise en œuvre des recommandations de l’Examen périodique universel",
        "Informe de mitad de período sobre la aplicación de las recomendaciones "
        "del Examen Periódico Universal",
    ),
    "Independent assessment of the implementation of the Universal Periodic Review recommendations": (
        "Évaluation indépendante de la mise en œuvre des recommandations de l’Examen périodique universel",
        "Evaluación independiente de la aplicación de las recomendaciones del Examen Periódico Universal",
    ),
    "All recommendations": ("Toutes les recommandations", "Todas las recomendaciones"),
    "Agency": ("Institution", "Institución"),
    "Completed": ("Achevées", "Completadas"),
    "Implementation status by cluster": (
        "État de la mise en œuvre par groupe thématique",
        "Estado de aplicación por grupo temático",
    ),
    "Introduction": ("Introduction", "Introducción"),
    "This report sets out the progress made by {state} in implementing the recommendations it "
    "accepted at its Universal Periodic Review, grouped into {clusters} thematic clusters.": (
        "Le présent rapport expose les progrès accomplis par l’État ({state}) dans la mise en œuvre "
        "des recommandations qu’il a acceptées lors de son Examen périodique universel, regroupées "
        "en {clusters} groupes thématiques.",
        "El presente informe expone los progresos realizados por el Estado ({state}) en la aplicación "
        "de las recomendaciones que aceptó en su Examen Periódico Universal, agrupadas en {clusters} "
        "grupos temáticos.",
    ),
    "{answered} of {total} recommendations are answered by at least one of {measures} measures.": (
        "{answered} des {total} recommandations font l’objet d’au moins une des {measures} mesures.",
        "{answered} de las {total} recomendaciones son objeto de al menos una de las {measures} medidas.",
    ),
    "Overview of implementation": ("Vue d’ensemble de la mise en œuvre", "Panorama de la aplicación"),
    "{count} recommendations; {measures} measures.": (
        "{count} recommandations ; {measures} mesures.",
        "{count} recomendaciones; {measures} medidas.",
    ),
    "Measure": ("Mesure", "Medida"),
    "Responsible agencies": ("Institutions responsables", "Instituciones responsables"),
    "Target date": ("Échéance", "Fecha límite"),
    "Status": ("État d’avancement", "Estado de avance"),
    "Indicator": ("Indicateur", "Indicador"),
    "Baseline": ("Valeur de référence", "Valor de referencia"),
    "Target": ("Cible", "Meta"),
    "Current value": ("Valeur actuelle", "Valor actual"),
    "Due": ("Échéance", "Vencimiento"),
    "Challenges and delays": ("Difficultés et retards", "Dificultades y retrasos"),
    "No measure is delayed or overdue.": (
        "Aucune mesure n’est en retard ni échue.",
        "Ninguna medida está retrasada ni vencida.",
    ),
    "Annex: recommendations and their status": (
        "Annexe : recommandations et état de leur mise en œuvre",
        "Anexo: recomendaciones y estado de su aplicación",
    ),
    "Paragraph": ("Paragraphe", "Párrafo"),
    "Recommending states": ("États recommandants", "Estados recomendantes"),
    "This assessment sets the status that the government of {state} reports for each "
    "recommendation beside the findings of independent assessors: {organisations}.": (
        "La présente évaluation met en regard l’état d’avancement déclaré par le gouvernement ({state}) pour "
        "chaque recommandation et les constats d’évaluateurs indépendants : {organisations}.",
        "La presente evaluación contrasta el estado de avance que declara el Gobierno ({state}) para cada "
        "recomendación con las conclusiones de evaluadores independientes: {organisations}.",
    ),
    "{assessed} of {total} recommendations have been assessed independently.": (
        "{assessed} des {total} recommandations ont fait l’objet d’une évaluation indépendante.",
        "{assessed} de las {total} recomendaciones han sido objeto de una evaluación independiente.",
    ),
    "Government's status": ("État déclaré par le gouvernement", "Estado declarado por el Gobierno"),
    "Government's status and independent findings": (
        "État déclaré par le gouvernement et constats indépendants",
        "Estado declarado por el Gobierno y conclusiones independientes",
    ),
    "Findings by recommendation": ("Constats par recommandation", "Conclusiones por recomendación"),
    "Assessor": ("Évaluateur", "Evaluador"),
    "Finding": ("Constat", "Conclusión"),
    "Comments and sources": ("Observations et sources", "Observaciones y fuentes"),
    "No recommendation has been assessed yet.": (
        "Aucune recommandation n’a encore été évaluée.",
        "Ninguna recomendación ha sido evaluada todavía.",
    ),
    "Accepted": ("Acceptée", "Aceptada"),
    "Noted": ("Notée", "Anotada"),
    "Cycle": ("Cycle", "Ciclo"),
    "cycle": ("cycle", "ciclo"),
    "Recommendations per cycle": ("Recommandations par cycle", "Recomendaciones por ciclo"),
    "Accepted (%)": ("Acceptées (%)", "Aceptadas (%)"),
    "Issue": ("Thème", "Tema"),
    "Issues": ("Thèmes", "Temas"),
    "Acceptance by issue (largest issues)": (
        "Acceptation par thème (thèmes les plus fréquents)",
        "Aceptación por tema (temas más frecuentes)",
    ),
    "Recommendations": ("Recommandations", "Recomendaciones"),
    "Top issues": ("Thèmes principaux", "Temas principales"),
    "Recommending group": ("Groupe recommandant", "Grupo recomendante"),
    "Group of the state under review": ("Groupe de l’État examiné", "Grupo del Estado examinado"),
    "Who recommends to whom (rows)": ("Qui recommande à qui (lignes)", "Quién recomienda a quién (filas)"),
    "Type": ("Type", "Tipo"),
    "State under review": ("État examiné", "Estado examinado"),
    "SuR regional group": ("Groupe régional de l’État examiné", "Grupo regional del Estado examinado"),
    "SuR organisation": ("Organisation de l’État examiné", "Organización del Estado examinado"),
    "Recommending state": ("État recommandant", "Estado recomendante"),
    "Recommending regional group": ("Groupe régional recommandant", "Grupo regional recomendante"),
    "Recommending organisation": ("Organisation recommandante", "Organización recomendante"),
    "Session": ("Session", "Período de sesiones"),
    "session": ("session", "período de sesiones"),
    "Year": ("Année", "Año"),
    "Response": ("Réponse", "Respuesta"),
    "Action category": ("Catégorie d’action", "Categoría de acción"),
    "recommendation": ("recommandation", "recomendación"),
    "pledge": ("engagement", "compromiso"),
    "African": ("Afrique", "África"),
    "Asia-Pacific": ("Asie-Pacifique", "Asia y el Pacífico"),
    "Eastern European": ("Europe orientale", "Europa Oriental"),
    "GRULAC": ("GRULAC", "GRULAC"),
    "WEOG": ("WEOG", "WEOG"),
    "Observer": ("Observateur", "Observador"),
    "Relevance": ("Pertinence", "Pertinencia"),
    "Recent": ("Plus récentes", "Más recientes"),
    "State": ("État", "Estado"),
    "Minimal action": ("Action minimale", "Acción mínima"),
    "Continuing action": ("Action continue", "Acción continuada"),
    "Considering action": ("Action à l’étude", "Acción en consideración"),
    "General action": ("Action générale", "Acción general"),
    "Specific action": ("Action spécifique", "Acción específica"),
    "Count": ("Nombre", "Número"),
    "Share": ("Part", "Proporción"),
    "Search": ("Rechercher", "Buscar"),
    "Skip to content": ("Aller au contenu", "Ir al contenido"),
    "Main": ("Principal", "Principal"),
    "Statistics": ("Statistiques", "Estadísticas"),
    "Elections and participation": ("Élections et participation", "Elecciones y participación"),
    "States": ("États", "Estados"),
    "API": ("API", "API"),
    "Language": ("Langue", "Idioma"),
    "Change": ("Changer", "Cambiar"),
    "Data: UPR Info's database of recommendations, sessions 1–19 (2008–2014).": (
        "Données : base de recommandations d’UPR Info, sessions 1 à 19 (2008–2014).",
        "Datos: base de recomendaciones de UPR Info, períodos de sesiones 1 a 19 (2008–2014).",
    ),
    "JSON API": ("API JSON", "API JSON"),
    "Error": ("Erreur", "Error"),
    "Something is not right": ("Quelque chose ne va pas", "Algo no está bien"),
    "Back to search": ("Retour à la recherche", "Volver a la búsqueda"),
    "Recommendation": ("Recommandation", "Recomendación"),
    "Voluntary pledge": ("Engagement volontaire", "Compromiso voluntario"),
    "Comment": ("Commentaire", "Comentario"),
    "Document": ("Document", "Documento"),
    "Recommending states and sources": ("États recommandants et sources", "Estados recomendantes y fuentes"),
    "Sources": ("Sources", "Fuentes"),
    "Source file": ("Fichier source", "Archivo de origen"),
    "Line": ("Ligne", "Línea"),
    "Partly accepted": ("Acceptée en partie", "Aceptada en parte"),
    "Themes and persons (from OHCHR's documents)": (
        "Thèmes et personnes (selon les documents du HCDH)",
        "Temas y personas (según los documentos del ACNUDH)",
    ),
    "UHRI theme": ("Thème de l’Index universel (UHRI)", "Tema del Índice Universal (UHRI)"),
    "SDG": ("ODD", "ODS"),
    "Predicted issue": ("Thème prédit", "Tema predicho"),
    "Predicted issues": ("Thèmes prédits", "Temas predichos"),
    "Predicted action category": ("Catégorie d’action prédite", "Categoría de acción predicha"),
    "Predicted by a model (not human coding)": (
        "Prédit par un modèle (pas un codage humain)",
        "Predicho por un modelo (no es una codificación humana)",
    ),
    "Model": ("Modèle", "Modelo"),
    "Thematic clusters": ("Groupes thématiques", "Grupos temáticos"),
    "Cluster": ("Groupe", "Grupo"),
    "Key words": ("Mots clés", "Palabras clave"),
    "Drafting aid": ("Aide à la rédaction", "Ayuda para la redacción"),
    "Draft recommendation": ("Projet de recommandation", "Proyecto de recomendación"),
    "Assess": ("Évaluer", "Evaluar"),
    "SMART": ("SMART", "SMART"),
    "Criterion": ("Critère", "Criterio"),
    "Assessment": ("Évaluation", "Evaluación"),
    "Why": ("Pourquoi", "Por qué"),
    "Suggestion": ("Suggestion", "Sugerencia"),
    "Accepted among the most similar": (
        "Acceptées parmi les plus semblables",
        "Aceptadas entre las más similares",
    ),
    "Specific": ("Spécifique", "Específica"),
    "Measurable": ("Mesurable", "Medible"),
    "Achievable": ("Réalisable", "Alcanzable"),
    "Relevant": ("Pertinente", "Pertinente"),
    "Time-bound": ("Assortie d’un délai", "Con plazo"),
    "met": ("rempli", "cumplido"),
    "partly": ("en partie", "en parte"),
    "not met": ("non rempli", "no cumplido"),
    "Similar recommendations": ("Recommandations semblables", "Recomendaciones similares"),
    "Similarity": ("Similarité", "Similitud"),
    "Similar (JSON)": ("Semblables (JSON)", "Similares (JSON)"),
    "UHRI themes": ("Thèmes de l’Index universel (UHRI)", "Temas del Índice Universal (UHRI)"),
    "Affected persons": ("Personnes concernées", "Personas afectadas"),
    "Sustainable Development Goals": (
        "Objectifs de développement durable",
        "Objetivos de Desarrollo Sostenible",
    ),
    "What each source says": ("Ce que dit chaque source", "Lo que dice cada fuente"),
    "The sources give different responses: the record keeps the first one.": (
        "Les sources donnent des réponses différentes : la fiche garde la première.",
        "Las fuentes dan respuestas distintas: el registro conserva la primera.",
    ),
    "Source": ("Source", "Fuente"),
    "Where": ("Où", "Dónde"),
    "Position": ("Position", "Posición"),
    "Source of position": ("Source de la position", "Fuente de la posición"),
    "Search recommendations and pledges": (
        "Rechercher des recommandations et des engagements",
        "Buscar recomendaciones y compromisos",
    ),
    'e.g. women "death penalty" ratif* -moratorium': (
        'p. ex. femmes "peine de mort" ratif* -moratoire',
        'p. ej. mujeres "pena de muerte" ratif* -moratoria',
    ),
    "Sort": ("Trier", "Ordenar"),
    "Filters": ("Filtres", "Filtros"),
    "Remove filter": ("Retirer le filtre", "Quitar el filtro"),
    "results": ("résultats", "resultados"),
    "Statistics for this search": ("Statistiques de cette recherche", "Estadísticas de esta búsqueda"),
    "Export": ("Exporter", "Exportar"),
    "Permalink": ("Lien permanent", "Enlace permanente"),
    "from": ("de", "de"),
    "No recommendation matches this search.": (
        "Aucune recommandation ne correspond à cette recherche.",
        "Ninguna recomendación coincide con esta búsqueda.",
    ),
    "Pages": ("Pages", "Páginas"),
    "Previous": ("Précédente", "Anterior"),
    "Page": ("Page", "Página"),
    "Next": ("Suivante", "Siguiente"),
    "Regional group": ("Groupe régional", "Grupo regional"),
    "none (observer state)": ("aucun (État observateur)", "ninguno (Estado observador)"),
    "Organisations": ("Organisations", "Organizaciones"),
    "As state under review": ("En tant qu’État examiné", "Como Estado examinado"),
    "recommendations received": ("recommandations reçues", "recomendaciones recibidas"),
    "accepted": ("acceptées", "aceptadas"),
    "voluntary pledges": ("engagements volontaires", "compromisos voluntarios"),
    "Search them": ("Les rechercher", "Buscarlas"),
    "Per cycle": ("Par cycle", "Por ciclo"),
    "By response": ("Par réponse", "Por respuesta"),
    "By action category": ("Par catégorie d’action", "Por categoría de acción"),
    "By recommending group (rows)": ("Par groupe recommandant (lignes)", "Por grupo recomendante (filas)"),
    "As recommending state": ("En tant qu’État recommandant", "Como Estado recomendante"),
    "recommendations made": ("recommandations faites", "recomendaciones formuladas"),
    "To which groups": ("À quels groupes", "A qué grupos"),
    "To which states": ("À quels États", "A qué Estados"),
    "On which issues": ("Sur quels thèmes", "Sobre qué temas"),
    "Received": ("Reçues", "Recibidas"),
    "Recommended": ("Faites", "Formuladas"),
    "Recommendations UPR Info codes with the issue “Elections”, compared with all UPR "
    "recommendations in the database.": (
        "Recommandations classées par UPR Info sous le thème « Élections », comparées à toutes "
        "les recommandations de l’EPU de la base.",
        "Recomendaciones que UPR Info clasifica en el tema «Elecciones», comparadas con todas las "
        "recomendaciones del EPU de la base.",
    ),
    "For the search": ("Pour la recherche", "Para la búsqueda"),
    "all records": ("tous les enregistrements", "todos los registros"),
    "Counting rows (one per recommending state)": (
        "En lignes (une par État recommandant)",
        "En filas (una por Estado recomendante)",
    ),
    "Counting recommendations (joint recommendations once)": (
        "En recommandations (les recommandations conjointes une fois)",
        "En recomendaciones (las conjuntas una sola vez)",
    ),
    "of": ("sur", "de"),
    "made by WEOG, EEG and GRULAC states": (
        "faites par des États du WEOG, de l’EEG et du GRULAC",
        "formuladas por Estados del WEOG, el EEG y el GRULAC",
    ),
    "addressed to African and Asia-Pacific states": (
        "adressées à des États d’Afrique et d’Asie-Pacifique",
        "dirigidas a Estados de África y Asia y el Pacífico",
    ),
    "Download": ("Télécharger", "Descargar"),
    "More": ("Plus", "Más"),
    # Human Rights Council elections
    "African States": ("États d’Afrique", "Estados de África"),
    "Asia-Pacific States": ("États d’Asie et du Pacifique", "Estados de Asia y el Pacífico"),
    "Eastern European States": ("États d’Europe orientale", "Estados de Europa Oriental"),
    "Latin American and Caribbean States": (
        "États d’Amérique latine et des Caraïbes",
        "Estados de América Latina y el Caribe",
    ),
    "Western European and other States": (
        "États d’Europe occidentale et autres États",
        "Estados de Europa Occidental y otros Estados",
    ),
    "elected": ("élu", "elegido"),
    "not elected": ("non élu", "no elegido"),
    "withdrawn": ("retirée", "retirada"),
    "closed slate": ("liste fermée", "lista cerrada"),
    "competitive": ("concurrentielle", "competitiva"),
    "not all candidates known": ("candidats pas tous connus", "no se conocen todos los candidatos"),
    "on time": ("à temps", "a tiempo"),
    "late": ("tardive", "tardía"),
    "after the vote": ("après le vote", "después de la votación"),
    "date unknown": ("date inconnue", "fecha desconocida"),
    "none recorded": ("aucune enregistrée", "ninguna registrada"),
    "Candidates minus seats per regional group (0: closed slate)": (
        "Candidats moins sièges par groupe régional (0 : liste fermée)",
        "Candidatos menos puestos por grupo regional (0: lista cerrada)",
    ),
    "more candidates than seats": ("plus de candidats que de sièges", "más candidatos que puestos"),
    "Human Rights Council election {year}: briefing": (
        "Élection au Conseil des droits de l’homme {year} : note d’information",
        "Elección al Consejo de Derechos Humanos {year}: nota informativa",
    ),
    "General Assembly, {day}: {seats} seats": (
        "Assemblée générale, {day} : {seats} sièges",
        "Asamblea General, {day}: {seats} puestos",
    ),
    "Seats and candidates": ("Sièges et candidats", "Puestos y candidatos"),
    "{closed} of {groups} regional groups presented closed slates: as many candidates as seats.": (
        "{closed} groupes régionaux sur {groups} ont présenté des listes fermées : "
        "autant de candidats que de sièges.",
        "{closed} de {groups} grupos regionales presentaron listas cerradas: tantos candidatos como puestos.",
    ),
    "GA resolution 60/251 asks members to take into account the candidates' contribution to human rights "
    "and their voluntary pledges; a closed slate leaves no choice.": (
        "La résolution 60/251 de l’Assemblée générale demande aux membres de tenir compte de la "
        "contribution des candidats aux droits de l’homme et de leurs engagements volontaires ; une liste "
        "fermée ne laisse aucun choix.",
        "La resolución 60/251 de la Asamblea General pide a los miembros que tengan en cuenta la "
        "contribución de los candidatos a los derechos humanos y sus promesas voluntarias; una lista "
        "cerrada no deja elección.",
    ),
    "Seats": ("Sièges", "Puestos"),
    "Candidates": ("Candidats", "Candidatos"),
    "Slate": ("Liste", "Lista"),
    "Withdrawn": ("Retraits", "Retiradas"),
    "Margin (votes)": ("Écart (voix)", "Margen (votos)"),
    "Competitiveness since 2006": ("Concurrence depuis 2006", "Competencia desde 2006"),
    "Candidates and votes": ("Candidats et voix", "Candidatos y votos"),
    "Votes per round as the sources give them; a dash where no count was found.": (
        "Voix par tour telles que les sources les donnent ; un tiret quand aucun décompte n’a été trouvé.",
        "Votos por ronda tal como los dan las fuentes; un guion cuando no se encontró el recuento.",
    ),
    "Votes": ("Voix", "Votos"),
    "Outcome": ("Résultat", "Resultado"),
    "Voluntary pledges": ("Engagements volontaires", "Promesas voluntarias"),
    "A pledge published fewer than {days} days before the vote is marked late.": (
        "Un engagement publié moins de {days} jours avant le vote est signalé comme tardif.",
        "Una promesa publicada menos de {days} días antes de la votación se marca como tardía.",
    ),
    "Candidate": ("Candidat", "Candidato"),
    "Pledges document": ("Document d’engagements", "Documento de promesas"),
    "Days before the vote": ("Jours avant le vote", "Días antes de la votación"),
    "Timeliness": ("Délai", "Puntualidad"),
    "Pledging events": ("Réunions de présentation des engagements", "Actos de presentación de promesas"),
    "Candidates' records": ("Bilan des candidats", "Historial de los candidatos"),
    "From RightsTrack's own data: the candidate's latest Universal Periodic Review before the election, "
    "the recommendations it received and accepted, those on cooperation with special procedures and treaty "
    "bodies it accepted, the voluntary pledges it made at its reviews, and its earlier Council terms. "
    "These are facts, not a verdict.": (
        "D’après les données de RightsTrack : le dernier Examen périodique universel du candidat avant "
        "l’élection, les recommandations reçues et acceptées, celles sur la coopération avec les procédures "
        "spéciales et les organes conventionnels qu’il a acceptées, les engagements volontaires pris lors de "
        "ses examens et ses mandats antérieurs au Conseil. Ce sont des faits, non un jugement.",
        "Según los datos de RightsTrack: el último Examen Periódico Universal del candidato antes de la "
        "elección, las recomendaciones recibidas y aceptadas, las relativas a la cooperación con los "
        "procedimientos especiales y los órganos de tratados que aceptó, las promesas voluntarias hechas en "
        "sus exámenes y sus mandatos anteriores en el Consejo. Son hechos, no un veredicto.",
    ),
    "Latest review": ("Dernier examen", "Último examen"),
    "Cooperation accepted": ("Coopération acceptée", "Cooperación aceptada"),
    "UPR pledges": ("Engagements à l’EPU", "Promesas en el EPU"),
    "Council terms": ("Mandats au Conseil", "Mandatos en el Consejo"),
    "made by Council members": ("faites par des membres du Conseil", "formuladas por miembros del Consejo"),
    "made by non-members": ("faites par des non-membres", "formuladas por no miembros"),
    "received by Council members": (
        "reçues par des membres du Conseil",
        "recibidas por miembros del Consejo",
    ),
    "received by non-members": ("reçues par des non-membres", "recibidas por no miembros"),
    "pledge recorded": ("engagement enregistré", "promesa registrada"),
    "pledge removed": ("engagement retiré", "promesa retirada"),
    "participation recorded": ("participation enregistrée", "participación registrada"),
    "Council elections": ("Élections au Conseil", "Elecciones al Consejo"),
    "candidate in the {year} election": (
        "candidat à l’élection de {year}",
        "candidato en la elección de {year}",
    ),
    "The whole election": ("Toute l’élection", "Toda la elección"),
    "Session {session} ({year}), cycle {cycle}": (
        "Session {session} ({year}), cycle {cycle}",
        "Período de sesiones {session} ({year}), ciclo {cycle}",
    ),
    "{received} recommendations received, {accepted} accepted, {noted} noted": (
        "{received} recommandations reçues, {accepted} acceptées, {noted} notées",
        "{received} recomendaciones recibidas, {accepted} aceptadas, {noted} anotadas",
    ),
    "On cooperation with special procedures and treaty bodies": (
        "Sur la coopération avec les procédures spéciales et les organes conventionnels",
        "Sobre la cooperación con los procedimientos especiales y los órganos de tratados",
    ),
    "No review before this election in RightsTrack's data.": (
        "Aucun examen avant cette élection dans les données de RightsTrack.",
        "Ningún examen antes de esta elección en los datos de RightsTrack.",
    ),
    "Voluntary pledges at its reviews": (
        "Engagements volontaires lors de ses examens",
        "Promesas voluntarias en sus exámenes",
    ),
    "Council terms before this election": (
        "Mandats au Conseil avant cette élection",
        "Mandatos en el Consejo antes de esta elección",
    ),
    "none": ("aucun", "ninguno"),
    "Consecutive terms up to the election: {n}": (
        "Mandats consécutifs jusqu’à l’élection : {n}",
        "Mandatos consecutivos hasta la elección: {n}",
    ),
    "Human Rights Council elections": (
        "Élections au Conseil des droits de l’homme",
        "Elecciones al Consejo de Derechos Humanos",
    ),
    "Every election of the Council's members by the General Assembly since 2006: seats and candidates per "
    "regional group, votes where the sources give them, and the sources themselves.": (
        "Chaque élection des membres du Conseil par l’Assemblée générale depuis 2006 : sièges et candidats "
        "par groupe régional, voix quand les sources les donnent, et les sources elles-mêmes.",
        "Cada elección de los miembros del Consejo por la Asamblea General desde 2006: puestos y candidatos "
        "por grupo regional, votos cuando las fuentes los dan, y las propias fuentes.",
    ),
    "Members on any day": ("Membres à une date donnée", "Miembros en cualquier fecha"),
    "JSON": ("JSON", "JSON"),
    "A number above 0 means more candidates than seats; “?” means the sources do not establish every "
    "candidate.": (
        "Un nombre supérieur à 0 signifie plus de candidats que de sièges ; « ? » signifie que les sources "
        "n’établissent pas tous les candidats.",
        "Un número mayor que 0 significa más candidatos que puestos; «?» significa que las fuentes no "
        "establecen todos los candidatos.",
    ),
    "Elections by year": ("Élections par année", "Elecciones por año"),
    "Closed slates per regional group": (
        "Listes fermées par groupe régional",
        "Listas cerradas por grupo regional",
    ),
    "Share closed (of known)": ("Part fermée (des connues)", "Proporción cerrada (de las conocidas)"),
    "Council membership and the UPR": ("Appartenance au Conseil et EPU", "Pertenencia al Consejo y EPU"),
    "Recommendations in RightsTrack, by whether the recommending state, or the state under review, sat on "
    "the Council when the review took place.": (
        "Recommandations de RightsTrack, selon que l’État recommandant, ou l’État examiné, siégeait au "
        "Conseil au moment de l’examen.",
        "Recomendaciones de RightsTrack, según si el Estado recomendante, o el Estado examinado, formaba "
        "parte del Consejo cuando se celebró el examen.",
    ),
    "Council members": ("Membres du Conseil", "Miembros del Consejo"),
    "Members of the Human Rights Council on {day}": (
        "Membres du Conseil des droits de l’homme le {day}",
        "Miembros del Consejo de Derechos Humanos el {day}",
    ),
    "Show": ("Afficher", "Mostrar"),
    "{n} members": ("{n} membres", "{n} miembros"),
    "one seat vacant": ("un siège vacant", "un puesto vacante"),
    "rights of membership suspended": ("droits de membre suspendus", "derechos de miembro suspendidos"),
    "Human Rights Council election {year}": (
        "Élection au Conseil des droits de l’homme {year}",
        "Elección al Consejo de Derechos Humanos {year}",
    ),
    "Briefing": ("Note d’information", "Nota informativa"),
    "by-election": ("élection partielle", "elección parcial"),
    "{seats} seats, {candidates} candidates": (
        "{seats} sièges, {candidates} candidats",
        "{seats} puestos, {candidates} candidatos",
    ),
    "margin between the last elected and the first defeated: {votes} votes": (
        "écart entre le dernier élu et le premier battu : {votes} voix",
        "margen entre el último elegido y el primer derrotado: {votes} votos",
    ),
    "Round {n}": ("Tour {n}", "Ronda {n}"),
    "Record a pledges document": (
        "Enregistrer un document d’engagements",
        "Registrar un documento de promesas",
    ),
    "Document symbol": ("Cote du document", "Signatura del documento"),
    "Address": ("Adresse", "Dirección"),
    "Note": ("Note", "Nota"),
    "Record participation in a pledging event": (
        "Enregistrer la participation à une réunion de présentation",
        "Registrar la participación en un acto de presentación",
    ),
    "Place": ("Lieu", "Lugar"),
    "Organisers": ("Organisateurs", "Organizadores"),
    "Took part": ("A participé", "Participó"),
    "not a UN text": ("texte non onusien", "no es un texto de la ONU"),
    "made while a Council member": ("faites en tant que membre du Conseil", "formuladas siendo miembro del Consejo"),
    "made while not a member": ("faites hors du Conseil", "formuladas sin ser miembro"),
    "Human Rights Council": ("Conseil des droits de l’homme", "Consejo de Derechos Humanos"),
    "elected in {year}": ("élu en {year}", "elegido en {year}"),
    "Not a member of the Council since 2006.": (
        "Pas membre du Conseil depuis 2006.",
        "No ha sido miembro del Consejo desde 2006.",
    ),
}


def main() -> None:
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    missing = [m.id for m in template if m.id and m.id not in TRANSLATIONS]
    if missing:
        raise SystemExit("no translation for: " + "; ".join(map(str, missing)))
    for column, locale in enumerate(("fr", "es")):
        catalog = Catalog(locale=locale, project="RightsTrack", fuzzy=False)
        for message in template:
            if message.id:
                catalog.add(message.id, TRANSLATIONS[str(message.id)][column])
        target = TEMPLATE.parent / locale / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, width=100)
        print(f"wrote {target.relative_to(ROOT)} ({len(catalog)} messages)")


if __name__ == "__main__":
    main()
