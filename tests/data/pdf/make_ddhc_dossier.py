"""The two-column teaching pack `ddhc-dossier-deux-colonnes.pdf`, written as flat ODT and laid
out by LibreOffice: `python3 make_ddhc_dossier.py && soffice --headless --convert-to pdf
ddhc-dossier-deux-colonnes.fodt` (LibreOffice 7.4, DejaVu fonts)."""
from xml.sax.saxutils import escape as e

DDHC = [
 ("Article premier", "Les hommes naissent et demeurent libres et égaux en droits. Les distinctions sociales ne peuvent être fondées que sur l'utilité commune."),
 ("Article 2", "Le but de toute association politique est la conservation des droits naturels et imprescriptibles de l'Homme. Ces droits sont la liberté, la propriété, la sûreté, et la résistance à l'oppression."),
 ("Article 3", "Le principe de toute Souveraineté réside essentiellement dans la Nation. Nul corps, nul individu ne peut exercer d'autorité qui n'en émane expressément."),
 ("Article 4", "La liberté consiste à pouvoir faire tout ce qui ne nuit pas à autrui : ainsi, l'exercice des droits naturels de chaque homme n'a de bornes que celles qui assurent aux autres Membres de la Société la jouissance de ces mêmes droits. Ces bornes ne peuvent être déterminées que par la Loi."),
 ("Article 5", "La Loi n'a le droit de défendre que les actions nuisibles à la Société. Tout ce qui n'est pas défendu par la Loi ne peut être empêché, et nul ne peut être contraint à faire ce qu'elle n'ordonne pas."),
 ("Article 6", "La Loi est l'expression de la volonté générale. Tous les Citoyens ont droit de concourir personnellement, ou par leurs Représentants, à sa formation. Elle doit être la même pour tous, soit qu'elle protège, soit qu'elle punisse. Tous les Citoyens étant égaux à ses yeux sont également admissibles à toutes dignités, places et emplois publics, selon leur capacité, et sans autre distinction que celle de leurs vertus et de leurs talents."),
]
PREAMBULE = ("Les Représentants du Peuple Français, constitués en Assemblée Nationale, considérant que l'ignorance, "
  "l'oubli ou le mépris des droits de l'Homme sont les seules causes des malheurs publics et de la corruption des "
  "Gouvernements, ont résolu d'exposer, dans une Déclaration solennelle, les droits naturels, inaliénables et sacrés "
  "de l'Homme, afin que cette Déclaration, constamment présente à tous les Membres du corps social, leur rappelle sans "
  "cesse leurs droits et leurs devoirs.")

def p(text, style="Texte"):
    return f'<text:p text:style-name="{style}">{e(text)}</text:p>'

def h(text, level):
    return f'<text:h text:style-name="Titre{level}" text:outline-level="{level}">{e(text)}</text:h>'

def bullets(items, numbered=False):
    style = "Num" if numbered else "Puces"
    return f'<text:list text:style-name="{style}">' + "".join(
        f'<text:list-item><text:p text:style-name="Liste">{e(i)}</text:p></text:list-item>' for i in items) + "</text:list>"

def note(n, body):
    return (f'<text:note text:id="n{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
            f'<text:note-body><text:p text:style-name="Note">{e(body)}</text:p></text:note-body></text:note>')

def table(rows):
    out = ['<table:table table:name="Calendrier" table:style-name="Tab">',
           f'<table:table-column table:number-columns-repeated="{len(rows[0])}"/>']
    for i, r in enumerate(rows):
        out.append("<table:table-row>")
        for c in r:
            out.append(f'<table:table-cell table:style-name="Cell" office:value-type="string">{p(c, "Entete" if i == 0 else "Cellule")}</table:table-cell>')
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)

body = [p("Déclaration des droits de l'homme et du citoyen", "Titre"),
        p("Texte du 26 août 1789 — dossier pédagogique", "Soustitre")]
cols = [h("Préambule", 1), f'<text:p text:style-name="Texte">{e(PREAMBULE)}{note(1, "Adoptée par l’Assemblée nationale constituante le 26 août 1789.")}</text:p>',
        p("La Déclaration retient en conséquence :"),
        bullets(["la liberté, la propriété, la sûreté ;", "la résistance à l'oppression ;", "l'égalité devant la loi et l'impôt."]),
        h("Les articles", 1)]
for i, (t, txt) in enumerate(DDHC):
    cols.append(h(t, 2))
    if i == 2:
        cols.append(f'<text:p text:style-name="Texte">{e(txt)}{note(2, "La souveraineté nationale, reprise par l’article 3 de la Constitution de 1958.")}</text:p>')
    else:
        cols.append(p(txt))
cols.append(h("Pour aller plus loin", 1))
cols.append(bullets(["Lire le texte intégral en classe.", "Comparer avec la Constitution du 4 octobre 1958.", "Préparer un exposé de dix minutes."], numbered=True))
body.append('<text:section text:style-name="DeuxCol" text:name="Corps">' + "".join(cols) + "</text:section>")
body.append(h("Calendrier de l'atelier", 1))
body.append(table([["Étape", "Date", "Responsable"], ["Lecture commentée", "3 mars 2026", "Équipe pédagogique"],
                   ["Travail en groupes", "10 mars 2026", "Enseignants référents"], ["Restitution", "17 mars 2026", "Classe entière"]]))
body.append(p("Ce dossier peut être reproduit librement pour un usage pédagogique."))

doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/></office:font-face-decls>
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="DejaVu Serif" fo:font-size="10pt" fo:language="fr" fo:country="FR"/></style:style>
<style:style style:name="Texte" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.15cm" fo:hyphenation-ladder-count="no-limit"/><style:text-properties fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:style>
<style:style style:name="Liste" style:family="paragraph" style:parent-style-name="Texte"/>
<style:style style:name="Note" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="Titre" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="DejaVu Sans" fo:font-size="22pt" fo:font-weight="bold" fo:color="#1f3864"/></style:style>
<style:style style:name="Soustitre" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/><style:text-properties style:font-name="DejaVu Sans" fo:font-size="13pt" fo:font-style="italic"/></style:style>
<style:style style:name="Titre1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties style:font-name="DejaVu Sans" fo:font-size="14pt" fo:font-weight="bold" fo:color="#1f3864"/></style:style>
<style:style style:name="Titre2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties style:font-name="DejaVu Sans" fo:font-size="11pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Entete" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Cellule" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Haut" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8pt" fo:color="#555555"/></style:style>
<style:style style:name="Bas" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt"/></style:style>
<text:list-style style:name="Puces"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Num"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.5cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="DeuxCol" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
<style:style style:name="Tab" style:family="table"><style:table-properties style:width="16cm" table:align="center"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="Haut">Dossier pédagogique — Droits de l'homme</text:p></style:header>
<style:footer><text:p text:style-name="Bas">Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>{"".join(body)}</office:text></office:body></office:document>'''
open("ddhc-dossier-deux-colonnes.fodt", "w", encoding="utf-8").write(doc)
