<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that Qt 6 changed and its qtbase_fr.qm does not translate (seen in the
     file dialogs of the French UI). Loaded after qtbase_fr.qm by desktop/ui/i18n.py; compile
     with: .venv/bin/pyside6-lrelease resources/i18n/qt_extra_fr.ts -qm resources/i18n/qt_extra_fr.qm -->
<TS version="2.1" language="fr_FR">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
</TS>
