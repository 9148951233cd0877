"""Domain error texts of the knowledge area: code → {"en": ..., "nl": ...}; merged into companion.core.error_texts."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- knowledge documents and uploads -------------------------------------------------------------------
    "document_not_found": {
        "en": "This knowledge document was not found.",
        "nl": "Dit kennisdocument is niet gevonden.",
    },
    "upload_too_large": {
        "en": "The file is too large: it may be at most {max_size}.",
        "nl": "Het bestand is te groot: het mag maximaal {max_size} zijn.",
    },
    "upload_name_has_folders": {
        "en": "The file name ‘{name}’ contains folders; upload the file under its own name (for example x.md).",
        "nl": "De bestandsnaam ‘{name}’ bevat mappen; upload het bestand onder zijn eigen naam (bijvoorbeeld x.md).",
    },
    "upload_binary": {
        "en": "This is not a text file (it contains binary data).",
        "nl": "Dit is geen tekstbestand (het bevat binaire gegevens).",
    },
    "upload_not_utf8": {
        "en": "The file is not valid UTF-8 text; save it as UTF-8 and try again.",
        "nl": "Het bestand is geen geldige UTF-8-tekst; sla het op als UTF-8 en probeer het opnieuw.",
    },
    "upload_empty": {
        "en": "The file is empty.",
        "nl": "Het bestand is leeg.",
    },
    "front_matter_invalid": {
        "en": "The front matter at the top of the file is not valid YAML (around line {line}).",
        "nl": "De front matter bovenaan het bestand is geen geldige YAML (rond regel {line}).",
    },
    "document_empty": {
        "en": "The document has no text.",
        "nl": "Het document bevat geen tekst.",
    },
    # --- formats, curation and trajectories ---------------------------------------------------------------
    "knowledge_unsupported_type": {
        "en": "This file type is not supported ({suffix}); upload one of: {formats}.",
        "nl": "Dit bestandstype wordt niet ondersteund ({suffix}); upload een van: {formats}.",
    },
    "knowledge_no_extension": {
        "en": "This file has no extension, so its type is unknown; upload one of: {formats}.",
        "nl": "Dit bestand heeft geen extensie, dus het type is onbekend; upload een van: {formats}.",
    },
    "knowledge_file_corrupt": {
        "en": "This {kind} file could not be read; it may be damaged. Save it again and retry.",
        "nl": "Dit {kind}-bestand kon niet worden gelezen; misschien is het beschadigd. Sla het opnieuw op en "
              "probeer het nog eens.",
    },
    "knowledge_pdf_encrypted": {
        "en": "This PDF is protected with a password; upload a version without protection.",
        "nl": "Deze pdf is met een wachtwoord beveiligd; upload een versie zonder beveiliging.",
    },
    "knowledge_pdf_no_text": {
        "en": "This PDF contains no text (perhaps it is a scan); upload a PDF with text, or a Word file.",
        "nl": "Deze pdf bevat geen tekst (misschien is het een scan); upload een pdf met tekst, of een Word-bestand.",
    },
    "knowledge_too_many_pages": {
        "en": "This document has too many pages (at most {max_pages}).",
        "nl": "Dit document heeft te veel pagina's (maximaal {max_pages}).",
    },
    "knowledge_archive_too_many_parts": {
        "en": "This {kind} file consists of too many parts (at most {max_parts}); it is probably not a normal "
              "document.",
        "nl": "Dit {kind}-bestand bestaat uit te veel onderdelen (maximaal {max_parts}); waarschijnlijk is het "
              "geen gewoon document.",
    },
    "knowledge_archive_unpacks_too_large": {
        "en": "This {kind} file becomes far too large when unpacked (more than {max_size}); it is probably not a "
              "normal document. Save the text in a new file and try again.",
        "nl": "Dit {kind}-bestand wordt uitgepakt veel te groot (meer dan {max_size}); waarschijnlijk is het geen "
              "gewoon document. Zet de tekst in een nieuw bestand en probeer het opnieuw.",
    },
    "knowledge_too_many_paragraphs": {
        "en": "This {kind} file has too many paragraphs (at most {max_paragraphs}); split it into smaller "
              "documents.",
        "nl": "Dit {kind}-bestand heeft te veel alinea's (maximaal {max_paragraphs}); splits het in kleinere "
              "documenten.",
    },
    "knowledge_parse_timeout": {
        "en": "Reading this file took longer than {seconds} seconds, so it was stopped; split it into smaller "
              "documents or save it in a simpler format.",
        "nl": "Het lezen van dit bestand duurde langer dan {seconds} seconden en is gestopt; splits het in "
              "kleinere documenten of sla het op in een eenvoudiger formaat.",
    },
    "knowledge_file_too_complex": {
        "en": "This file needs too much memory to read; split it into smaller documents.",
        "nl": "Dit bestand vraagt te veel geheugen om te lezen; splits het in kleinere documenten.",
    },
    "knowledge_status_invalid": {
        "en": "Unknown status; choose one of: {choices}.",
        "nl": "Onbekende status; kies uit: {choices}.",
    },
    "knowledge_title_empty": {
        "en": "A document needs a title.",
        "nl": "Een document heeft een titel nodig.",
    },
    "knowledge_unknown_team": {
        "en": "Unknown team in your organisation: {ids}.",
        "nl": "Onbekend team in je organisatie: {ids}.",
    },
    "knowledge_unknown_trajectory": {
        "en": "Unknown trajectory in your organisation: {ids}.",
        "nl": "Onbekend traject in je organisatie: {ids}.",
    },
    "trajectory_not_found": {
        "en": "This trajectory was not found.",
        "nl": "Dit traject is niet gevonden.",
    },
    "trajectory_name_empty": {
        "en": "A trajectory needs a name.",
        "nl": "Een traject heeft een naam nodig.",
    },
    "trajectory_name_taken": {
        "en": "There already is a trajectory called {name}.",
        "nl": "Er is al een traject met de naam {name}.",
    },
    "trajectory_dates_invalid": {
        "en": "The end date cannot be before the start date.",
        "nl": "De einddatum kan niet voor de startdatum liggen.",
    },
}
