<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AnnotationHistory</name>
    <message>
        <location filename="../../desktop/ui/undo.py" line="151"/>
        <source>Highlight</source>
        <translation>le surlignage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/undo.py" line="164"/>
        <source>Edit note</source>
        <translation>la modification de la note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/undo.py" line="166"/>
        <source>Change colour</source>
        <translation>le changement de couleur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/undo.py" line="169"/>
        <source>Change tags</source>
        <translation>le changement d’étiquettes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/undo.py" line="172"/>
        <source>Delete highlight</source>
        <translation>la suppression du surlignage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/undo.py" line="182"/>
        <source>Re-attach note</source>
        <translation>le rattachement de la note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/undo.py" line="187"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/undo.py" line="193"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
</context>
<context>
    <name>BilingualReader</name>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="177"/>
        <source>Translation pending…</source>
        <translation>Traduction en attente…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="201"/>
        <source>Choose a document in the library to read it here.

Drop files or folders on the window to import them.</source>
        <translation>Choisissez un document dans la bibliothèque pour le lire ici.

Déposez des fichiers ou des dossiers sur la fenêtre pour les importer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="447"/>
        <source>FRANÇAIS</source>
        <translation>FRANÇAIS</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="447"/>
        <source>ENGLISH</source>
        <translation>ANGLAIS</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="957"/>
        <source>Select some text on one side first, then choose a colour.</source>
        <translation>Sélectionnez d’abord du texte d’un côté, puis choisissez une couleur.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="210"/>
        <location filename="../../desktop/ui/reader/view.py" line="1034"/>
        <source>Highlight {0} ({1})</source>
        <translation>Surligner en {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="212"/>
        <location filename="../../desktop/ui/reader/view.py" line="1039"/>
        <source>Highlight the selection: {0} — {1} ({2})</source>
        <translation>Surligner la sélection : {0} — {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="980"/>
        <source>Next Sentence</source>
        <translation>Phrase suivante</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="981"/>
        <source>Previous Sentence</source>
        <translation>Phrase précédente</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="982"/>
        <source>Select Sentence in Left Column</source>
        <translation>Sélectionner la phrase dans la colonne de gauche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="983"/>
        <source>Select Sentence in Right Column</source>
        <translation>Sélectionner la phrase dans la colonne de droite</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1049"/>
        <source>&amp;Highlight Selection</source>
        <translation>&amp;Surligner la sélection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1094"/>
        <source>Click an English sentence first, then press F2 to edit it.</source>
        <translation>Cliquez d’abord sur une phrase anglaise, puis appuyez sur F2 pour la modifier.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1103"/>
        <source>This sentence has no translation yet.</source>
        <translation>Cette phrase n’est pas encore traduite.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1149"/>
        <source>An empty translation cannot be saved; revert to the machine translation instead.</source>
        <translation>Une traduction vide ne peut pas être enregistrée ; revenez plutôt à la traduction automatique.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1176"/>
        <source>{0} note(s) lost their English passage; they are listed as orphaned.</source>
        <translation>{0} note(s) ont perdu leur passage anglais ; elles figurent parmi les notes orphelines.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1214"/>
        <location filename="../../desktop/ui/reader/view.py" line="1277"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1219"/>
        <source>Open &amp;Note</source>
        <translation>Ouvrir la &amp;note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1221"/>
        <source>Change &amp;Colour</source>
        <translation>Changer la &amp;couleur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1226"/>
        <source>&amp;Delete Highlight</source>
        <translation>&amp;Supprimer le surlignage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1234"/>
        <source>&amp;Edit Translation</source>
        <translation>&amp;Modifier la traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1238"/>
        <source>&amp;Alternatives</source>
        <translation>&amp;Autres traductions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1240"/>
        <source>Asking the model…</source>
        <translation>Interrogation du modèle…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1248"/>
        <source>&amp;Revert to Machine Translation</source>
        <translation>&amp;Revenir à la traduction automatique</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1264"/>
        <source>No alternatives (is a model installed?)</source>
        <translation>Aucune autre traduction (un modèle est-il installé ?)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1302"/>
        <location filename="../../desktop/ui/reader/view.py" line="1317"/>
        <source>Glossary: expected {0}</source>
        <translation>Glossaire : {0} attendu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="1304"/>
        <location filename="../../desktop/ui/reader/view.py" line="1319"/>
        <source>Your translation (right-click to revert to the machine translation)</source>
        <translation>Votre traduction (clic droit pour revenir à la traduction automatique)</translation>
    </message>
</context>
<context>
    <name>ColourLabels</name>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="24"/>
        <source>important</source>
        <translation>important</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="25"/>
        <source>terminology</source>
        <translation>terminologie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="26"/>
        <source>reference</source>
        <translation>référence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="27"/>
        <source>question</source>
        <translation>question</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="28"/>
        <source>to translate</source>
        <translation>à traduire</translation>
    </message>
</context>
<context>
    <name>ColourNames</name>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="14"/>
        <source>Yellow</source>
        <translation>Jaune</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="15"/>
        <source>Green</source>
        <translation>Vert</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="16"/>
        <source>Blue</source>
        <translation>Bleu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="17"/>
        <source>Pink</source>
        <translation>Rose</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/colour_names.py" line="18"/>
        <source>Purple</source>
        <translation>Violet</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="32"/>
        <source>Markdown briefing</source>
        <translation>Note de synthèse Markdown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="33"/>
        <source>CSV spreadsheet</source>
        <translation>Tableur CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="34"/>
        <source>Web Annotation (JSON-LD)</source>
        <translation>Web Annotation (JSON-LD)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="35"/>
        <source>TMX translation memory</source>
        <translation>Mémoire de traduction TMX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="36"/>
        <source>XLIFF 2.0</source>
        <translation>XLIFF 2.0</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="37"/>
        <source>Bilingual PDF</source>
        <translation>PDF bilingue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="118"/>
        <source>Bilingual &amp;PDF for Printing…</source>
        <translation>&amp;PDF bilingue à imprimer…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="121"/>
        <source>French and English side by side, with highlights and notes</source>
        <translation>Français et anglais côte à côte, avec surlignages et notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="123"/>
        <source>TMX and XLIFF: Highlighted Sentences &amp;Only</source>
        <translation>TMX et XLIFF : phrases surlignées &amp;uniquement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="128"/>
        <source>Translation memories hold only the sentence pairs under your highlights</source>
        <translation>Les mémoires de traduction ne contiennent que les paires de phrases sous vos surlignages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="131"/>
        <source>Import &amp;Notes (JSON-LD)…</source>
        <translation>Importer des &amp;notes (JSON-LD)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="141"/>
        <source>Notes of This &amp;Document</source>
        <translation>Notes de ce &amp;document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="145"/>
        <source>Notes of the Whole &amp;Library</source>
        <translation>Notes de toute la &amp;bibliothèque</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="196"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="210"/>
        <source>Open a document first, then export it.</source>
        <translation>Ouvrez d’abord un document, puis exportez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="235"/>
        <source>Import notes</source>
        <translation>Importer des notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="237"/>
        <source>Web Annotation (*.jsonld *.json);;All files (*)</source>
        <translation>Web Annotation (*.jsonld *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_actions.py" line="249"/>
        <source>Notes imported from %1: %2</source>
        <translation>Notes importées depuis %1 : %2</translation>
    </message>
</context>
<context>
    <name>HitDelegate</name>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="153"/>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="154"/>
        <source>¶ %1 · %2</source>
        <translation>¶ %1 · %2</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../desktop/ui/import_report.py" line="23"/>
        <source>Import report</source>
        <translation>Rapport d’importation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_report.py" line="31"/>
        <source>Files that were not imported</source>
        <translation>Fichiers non importés</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_report.py" line="33"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_report.py" line="33"/>
        <source>Why it was not imported</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_report.py" line="52"/>
        <source>{0} file(s) imported or already in the library; {1} file(s) not imported:</source>
        <translation>{0} fichier(s) importé(s) ou déjà dans la bibliothèque ; {1} fichier(s) non importé(s) :</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="67"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="67"/>
        <source>Lang.</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="67"/>
        <source>Translated</source>
        <translation>Traduit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="67"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="96"/>
        <source>{0} of {1} sentences translated</source>
        <translation>{0} phrases traduites sur {1}</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="138"/>
        <source>Filter documents…</source>
        <translation>Filtrer les documents…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="139"/>
        <source>Filter the library</source>
        <translation>Filtrer la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="144"/>
        <source>Import documents…</source>
        <translation>Importer des documents…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="145"/>
        <source>Import documents</source>
        <translation>Importer des documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="158"/>
        <source>Documents in the library</source>
        <translation>Documents de la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="182"/>
        <source>&amp;Remove from Library…</source>
        <translation>&amp;Retirer de la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_panel.py" line="270"/>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="82"/>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="171"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="172"/>
        <source>Import documents (Ctrl+O); you can also drop files or folders on the window</source>
        <translation>Importer des documents (Ctrl+O) ; vous pouvez aussi déposer des fichiers ou des dossiers sur la fenêtre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="173"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="174"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="178"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="184"/>
        <source>&amp;Larger Text</source>
        <translation>Texte plus &amp;grand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="185"/>
        <source>&amp;Smaller Text</source>
        <translation>Texte plus &amp;petit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="186"/>
        <source>&amp;Normal Text Size</source>
        <translation>Taille de texte &amp;normale</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="187"/>
        <source>&amp;Swap Columns</source>
        <translation>&amp;Inverser les colonnes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="188"/>
        <source>Put French on the other side (Ctrl+Shift+S)</source>
        <translation>Mettre le français de l’autre côté (Ctrl+Maj+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="190"/>
        <source>&amp;Stop Translating</source>
        <translation>&amp;Arrêter la traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="193"/>
        <source>&amp;Translate Document</source>
        <translation>&amp;Traduire le document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="195"/>
        <source>Translate &amp;All Documents</source>
        <translation>Traduire tous les &amp;documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="197"/>
        <source>Translate the whole library in the background, one document after another</source>
        <translation>Traduire toute la bibliothèque en arrière-plan, un document après l’autre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="199"/>
        <source>&amp;Edit Translation</source>
        <translation>&amp;Modifier la traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="201"/>
        <source>Show &amp;Library</source>
        <translation>Afficher la &amp;bibliothèque</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="202"/>
        <source>Focus &amp;Reader</source>
        <translation>Aller au &amp;lecteur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="205"/>
        <source>Follow &amp;System</source>
        <translation>Comme le &amp;système</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="205"/>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="205"/>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="211"/>
        <source>Toggle &amp;Dark Theme</source>
        <translation>Basculer le thème &amp;sombre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="216"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="217"/>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="218"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="219"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="220"/>
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="221"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="246"/>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="263"/>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="295"/>
        <source>Translation progress</source>
        <translation>Progression de la traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="302"/>
        <source>Stop translating this document</source>
        <translation>Arrêter la traduction de ce document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="303"/>
        <source>Stop translating</source>
        <translation>Arrêter la traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="330"/>
        <source>&amp;About Glose</source>
        <translation>À &amp;propos de Glose</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="345"/>
        <source>Glose {0}: French documents side by side with an offline English translation</source>
        <translation>Glose {0} : des documents français côte à côte avec leur traduction anglaise hors ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="391"/>
        <source>Translating… {0} %</source>
        <translation>Traduction… {0} %</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="414"/>
        <source>Its {0} highlight(s) and note(s) and {1} translation edit(s) will be deleted too.</source>
        <translation>Ses {0} surlignage(s) et note(s) et ses {1} traduction(s) corrigée(s) seront aussi supprimés.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="416"/>
        <source>You have no highlights or edits in it.</source>
        <translation>Vous n’y avez ni surlignage ni correction.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="419"/>
        <source>Remove document</source>
        <translation>Retirer le document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="420"/>
        <source>Remove “{0}” from the library?</source>
        <translation>Retirer « {0} » de la bibliothèque ?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="435"/>
        <source>Removed “{0}”</source>
        <translation>« {0} » retiré</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="446"/>
        <source>Import documents</source>
        <translation>Importer des documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="448"/>
        <source>Documents ({0});;All files (*)</source>
        <translation>Documents ({0});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="458"/>
        <source>Importing {0} item(s)…</source>
        <translation>Importation de {0} élément(s)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="465"/>
        <source>Import failed: {0}</source>
        <translation>Échec de l’importation : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="467"/>
        <source>Importing {0}/{1}: {2}</source>
        <translation>Importation {0}/{1} : {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="479"/>
        <source>Imported {0} document(s), {1} unchanged, {2} refused</source>
        <translation>{0} document(s) importé(s), {1} inchangé(s), {2} refusé(s)</translation>
    </message>
</context>
<context>
    <name>ModelBanner</name>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="398"/>
        <source>No translation model</source>
        <translation>Aucun modèle de traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="401"/>
        <source>No French → English model yet</source>
        <translation>Pas encore de modèle français → anglais</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="405"/>
        <source>You can read the French now. To see the English side, install a model from a file (works offline) or download one (about 100 MB).</source>
        <translation>Vous pouvez déjà lire le français. Pour voir l’anglais, installez un modèle depuis un fichier (sans internet) ou téléchargez-en un (environ 100 Mo).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="416"/>
        <source>Install from file…</source>
        <translation>Installer depuis un fichier…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="417"/>
        <source>Install a model from a file</source>
        <translation>Installer un modèle depuis un fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="419"/>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="421"/>
        <source>Download the French to English model</source>
        <translation>Télécharger le modèle français → anglais</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="426"/>
        <source>Hide until next start</source>
        <translation>Masquer jusqu’au prochain démarrage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="427"/>
        <source>Hide the banner</source>
        <translation>Masquer le bandeau</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="55"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="56"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="119"/>
        <source>Translation models</source>
        <translation>Modèles de traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="124"/>
        <source>Glose translates on this computer with Argos Translate models. Install a French → English model from a file (no internet needed), or download it.</source>
        <translation>Glose traduit sur cet ordinateur avec des modèles Argos Translate. Installez un modèle français → anglais depuis un fichier (sans internet) ou téléchargez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="132"/>
        <source>Installed models</source>
        <translation>Modèles installés</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="136"/>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="136"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="136"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="136"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="144"/>
        <source>No translation model is installed yet.</source>
        <translation>Aucun modèle de traduction n’est encore installé.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="148"/>
        <source>Install from file…</source>
        <translation>Installer depuis un fichier…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="149"/>
        <source>Install a model from a file</source>
        <translation>Installer un modèle depuis un fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="151"/>
        <source>Download French → English</source>
        <translation>Télécharger français → anglais</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="152"/>
        <source>Download the French to English model</source>
        <translation>Télécharger le modèle français → anglais</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="153"/>
        <source>Needs an internet connection</source>
        <translation>Nécessite une connexion internet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="155"/>
        <source>Remove…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="156"/>
        <source>Remove the selected model</source>
        <translation>Supprimer le modèle sélectionné</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="166"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="170"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="171"/>
        <source>Cancel the download</source>
        <translation>Annuler le téléchargement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="191"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="222"/>
        <source>Cannot read the model folder: %1</source>
        <translation>Impossible de lire le dossier des modèles : %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="282"/>
        <source>Install a translation model</source>
        <translation>Installer un modèle de traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="284"/>
        <source>Argos Translate models (*.argosmodel);;All files (*)</source>
        <translation>Modèles Argos Translate (*.argosmodel);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="294"/>
        <source>Installing %1…</source>
        <translation>Installation de %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="306"/>
        <source>%1 %2 was already installed.</source>
        <translation>%1 %2 était déjà installé.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="308"/>
        <source>%1 upgraded to version %2.</source>
        <translation>%1 mis à jour en version %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="310"/>
        <source>%1 %2 installed. Documents will now be translated.</source>
        <translation>%1 %2 installé. Les documents vont maintenant être traduits.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="323"/>
        <source>Downloading %1…</source>
        <translation>Téléchargement de %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="345"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="361"/>
        <source>Remove model</source>
        <translation>Supprimer le modèle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="363"/>
        <source>Remove %1? Translations already shown stay in the library; new text will not be translated until a model is installed again.</source>
        <translation>Supprimer %1 ? Les traductions déjà faites restent dans la bibliothèque ; les nouveaux textes ne seront plus traduits tant qu’aucun modèle n’est réinstallé.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="374"/>
        <source>Removing %1…</source>
        <translation>Suppression de %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_manager.py" line="383"/>
        <source>Removed %1.</source>
        <translation>%1 supprimé.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="292"/>
        <source>Show notes of</source>
        <translation>Afficher les notes de</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="293"/>
        <source>This document</source>
        <translation>Ce document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="294"/>
        <source>Whole library</source>
        <translation>Toute la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="297"/>
        <source>Filter notes…</source>
        <translation>Filtrer les notes…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="298"/>
        <source>Filter notes by text</source>
        <translation>Filtrer les notes par texte</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="315"/>
        <source>Show %1 highlights</source>
        <translation>Afficher les surlignages « %1 »</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="322"/>
        <source>Filter by tag</source>
        <translation>Filtrer par étiquette</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="324"/>
        <location filename="../../desktop/ui/notes_panel.py" line="514"/>
        <source>All tags</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="347"/>
        <source>Highlights and notes</source>
        <translation>Surlignages et notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="348"/>
        <source>Orphaned notes</source>
        <translation>Notes orphelines</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="367"/>
        <source>Delete highlight</source>
        <translation>Supprimer le surlignage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="384"/>
        <source>This passage is no longer in the text. Select where it belongs in the reader, then re-attach it.</source>
        <translation>Ce passage ne figure plus dans le texte. Sélectionnez son nouvel emplacement dans le lecteur, puis rattachez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="400"/>
        <source>Colour: %1</source>
        <translation>Couleur : %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="409"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="410"/>
        <source>Delete the highlight</source>
        <translation>Supprimer le surlignage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="416"/>
        <source>Write a note…</source>
        <translation>Écrire une note…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="417"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="423"/>
        <source>Tags, separated by commas</source>
        <translation>Étiquettes, séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="424"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="432"/>
        <source>Re-attach to selection</source>
        <translation>Rattacher à la sélection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="433"/>
        <source>Re-attach the note to the text selected in the reader</source>
        <translation>Rattacher la note au texte sélectionné dans le lecteur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="568"/>
        <source>Highlights · %1</source>
        <translation>Surlignages · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="569"/>
        <source>Orphaned · %1</source>
        <translation>Orphelins · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="581"/>
        <source>No note matches the filters.</source>
        <translation>Aucune note ne correspond aux filtres.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="583"/>
        <source>Open a document to see its notes.</source>
        <translation>Ouvrez un document pour voir ses notes.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="586"/>
        <source>No highlights yet.
Select text in the reader and press 1–5 to highlight it.</source>
        <translation>Aucun surlignage pour l’instant.
Sélectionnez du texte dans le lecteur et appuyez sur 1 à 5 pour le surligner.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="690"/>
        <source>Editing…</source>
        <translation>Modification…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="704"/>
        <location filename="../../desktop/ui/notes_panel.py" line="777"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="778"/>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notes_panel.py" line="784"/>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="38"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="40"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="74"/>
        <source>Exported to {0}</source>
        <translation>Exporté vers {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="81"/>
        <source>&amp;Find in Document…</source>
        <translation>&amp;Rechercher dans le document…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="83"/>
        <source>Find in &amp;Library…</source>
        <translation>Rechercher dans la &amp;bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="92"/>
        <source>Show &amp;Notes</source>
        <translation>Afficher les &amp;notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="97"/>
        <source>Translation &amp;Models…</source>
        <translation>&amp;Modèles de traduction…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="100"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="105"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panel_wiring.py" line="180"/>
        <source>The new interface language will be used the next time Glose starts.</source>
        <translation>La nouvelle langue de l’interface sera utilisée au prochain démarrage de Glose.</translation>
    </message>
</context>
<context>
    <name>PdfExport</name>
    <message>
        <location filename="../../desktop/ui/pdf_export.py" line="138"/>
        <source>Bilingual briefing · French source and English translation · exported %1</source>
        <translation>Dossier bilingue · texte source français et traduction anglaise · exporté le %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdf_export.py" line="153"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdf_export.py" line="155"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdf_export.py" line="158"/>
        <source>(translation pending)</source>
        <translation>(traduction en attente)</translation>
    </message>
</context>
<context>
    <name>PostEdit</name>
    <message>
        <location filename="../../desktop/ui/reader/commands.py" line="49"/>
        <source>Edit translation</source>
        <translation>la modification de la traduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/commands.py" line="51"/>
        <source>Revert to machine translation</source>
        <translation>le retour à la traduction automatique</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="51"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="57"/>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="58"/>
        <source>Same as the system</source>
        <translation>Celle du système</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="62"/>
        <source>The new language is used from the next start.</source>
        <translation>La nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="69"/>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="70"/>
        <source>Follow the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="71"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="72"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="74"/>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="76"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="78"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème :</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="82"/>
        <source>Reading font</source>
        <translation>Police de lecture</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="85"/>
        <source>Reading font size</source>
        <translation>Taille de la police de lecture</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="94"/>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="96"/>
        <source>&amp;Font:</source>
        <translation>&amp;Police :</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="97"/>
        <source>&amp;Size:</source>
        <translation>&amp;Taille :</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="105"/>
        <source>Highlight colours</source>
        <translation>Couleurs de surlignage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="112"/>
        <source>Meaning of %1</source>
        <translation>Signification du %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="125"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preferences.py" line="126"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="83"/>
        <source>Document, French and English side by side</source>
        <translation>Document, français et anglais côte à côte</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="227"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="233"/>
        <source>Search in</source>
        <translation>Rechercher dans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="234"/>
        <source>This document</source>
        <translation>Ce document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="235"/>
        <source>Whole library</source>
        <translation>Toute la bibliothèque</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="239"/>
        <source>Search language</source>
        <translation>Langue de recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="240"/>
        <source>French and English</source>
        <translation>Français et anglais</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="241"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="242"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="253"/>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="261"/>
        <source>More results</source>
        <translation>Plus de résultats</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="262"/>
        <source>Load more results</source>
        <translation>Charger plus de résultats</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="284"/>
        <source>Next Search Result</source>
        <translation>Résultat suivant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="288"/>
        <source>Previous Search Result</source>
        <translation>Résultat précédent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="328"/>
        <source>Search this document…</source>
        <translation>Rechercher dans ce document…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="328"/>
        <source>Search the library…</source>
        <translation>Rechercher dans la bibliothèque…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="392"/>
        <source>The search index is being built; results will appear in a moment.</source>
        <translation>L’index de recherche est en cours de construction ; les résultats vont bientôt apparaître.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="439"/>
        <source>Type to search. Words are found in any form: &lt;i&gt;migrations&lt;/i&gt; finds &lt;i&gt;migration&lt;/i&gt;.</source>
        <translation>Tapez pour rechercher. Les mots sont trouvés sous toutes leurs formes : &lt;i&gt;migrations&lt;/i&gt; trouve &lt;i&gt;migration&lt;/i&gt;.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="441"/>
        <source>No results for “%1”.</source>
        <translation>Aucun résultat pour « %1 ».</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="444"/>
        <source>Did you mean %1?</source>
        <translation>Vouliez-vous dire %1 ?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="446"/>
        <source>1 result</source>
        <translation>1 résultat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="446"/>
        <source>%1 results</source>
        <translation>%1 résultats</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="449"/>
        <source>in this document</source>
        <translation>dans ce document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="451"/>
        <source>in 1 document</source>
        <translation>dans 1 document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search_panel.py" line="453"/>
        <source>in %1 documents</source>
        <translation>dans %1 documents</translation>
    </message>
</context>
<context>
    <name>SentenceEditor</name>
    <message>
        <location filename="../../desktop/ui/reader/editor.py" line="17"/>
        <source>Edit translation of the sentence</source>
        <translation>Modifier la traduction de la phrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/editor.py" line="18"/>
        <source>Enter saves, Esc cancels</source>
        <translation>Entrée enregistre, Échap annule</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop/ui/shortcuts_help.py" line="61"/>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shortcuts_help.py" line="71"/>
        <location filename="../../desktop/ui/shortcuts_help.py" line="82"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shortcuts_help.py" line="76"/>
        <source>Filter…</source>
        <translation>Filtrer…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shortcuts_help.py" line="77"/>
        <source>Filter shortcuts</source>
        <translation>Filtrer les raccourcis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shortcuts_help.py" line="83"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shortcuts_help.py" line="83"/>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shortcuts_help.py" line="110"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>TranslationController</name>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="153"/>
        <source>Translation stopped; it resumes when you open the document again.</source>
        <translation>Traduction arrêtée ; elle reprendra à la prochaine ouverture du document.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="178"/>
        <source>{0} documents to translate in the background</source>
        <translation>{0} documents à traduire en arrière-plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="198"/>
        <source>Translating “{0}” in the background ({1} documents left)</source>
        <translation>Traduction de « {0} » en arrière-plan ({1} documents restants)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="206"/>
        <source>Loading the translation model…</source>
        <translation>Chargement du modèle de traduction…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="244"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="246"/>
        <source>No French→English model is installed: install one from a file or download it (Tools menu).</source>
        <translation>Aucun modèle français→anglais n’est installé : installez-en un depuis un fichier ou téléchargez-le (menu Outils).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="236"/>
        <source>Translated {0} sentences in {1:.1f} s</source>
        <translation>{0} phrases traduites en {1:.1f} s</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/translation.py" line="256"/>
        <source>Translation stopped: {0}</source>
        <translation>Traduction arrêtée : {0}</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <location filename="../../desktop/ui/tasks.py" line="31"/>
        <source>The library database reported an error: {0}</source>
        <translation>La base de données de la bibliothèque a signalé une erreur : {0}</translation>
    </message>
</context>
</TS>
