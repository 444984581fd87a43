"""The Spanish label set: every fixed word of a briefing, as labels.ENGLISH has it.

Numbers group thousands with a point and mark decimals with a comma (1.412,50); a date is the
day, the month's short name and the year (1 oct 2026); a percentage keeps a space before the
sign (120,0 %), as Spanish style guides write them.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from .labels import Labels

_RULE_PARTS = {
    "ptp_edits": "Ediciones entre procedimientos (PTP)", "units_limits": "Ediciones de unidades improbables (por día)",
    "frequency_limits": "Límites de frecuencia", "places_of_service": "Lugar de servicio",
    "revenue_codes": "Códigos de ingresos", "documentation": "Requisitos de documentación",
    "tips": "Consejos de codificación", "denial_reasons": "Motivos habituales de denegación",
    "related_codes": "Códigos relacionados", "history": "Historial del código",
}

CHANGES_ES: Mapping[str, str] = MappingProxyType({
    "heading": "Qué ha cambiado", "since": "Desde la versión {version} del {date}", "since_undated": "Desde el {date}",
    "nothing": "Nada de lo que ve un lector ha cambiado.", "summary": "Qué ha cambiado: desde la versión anterior, "
    "y según lo registrado", "when": "Cuándo", "what": "Qué ha cambiado",
    "changed": "{what}: {old} \u2192 {new}", "added": "{what}: añadido", "removed": "{what}: eliminado",
    "revised": "{what}: revisado", "percent": " ({sign}{percent} %)",
    "version": "Versión", "title": "Título", "status": "Estado", "code": "Código",
    "payer": "Pagador {name}", "payer_field": "{payer}: {field}", "modifier": "Modificador {modifier}",
    "section": "Sección \u201c{title}\u201d", "source": "Fuente \u201c{title}\u201d",
    "ptp_edit": "Edición PTP {column_1} + {column_2}", "related_code": "Código relacionado {code}",
    "coverage": "cobertura", "prior_authorization": "autorización previa", "policy": "política médica",
    "benchmark": "referencia de pago", "line_of_business": "línea de negocio", "criteria": "criterios de cobertura",
    "notes": "notas", "prior_authorization_by": "autorización previa otorgada por",
    "disclaimer": "Aviso legal",
})


SPANISH = Labels(
    language="es",
    changes=CHANGES_ES,
    values=MappingProxyType({
        "covered": "Cubierto", "covered_with_criteria": "Cubierto con criterios", "not_covered": "No cubierto",
        "varies": "Varía según el plan", "required": "Requerida", "not_required": "No requerida",
        "fee_schedule": "baremo de tarifas", "per_plan": "según el plan", "percent_of_medicare": "% de Medicare",
        "case_rate": "tarifa por caso", "median_allowed": "mediana autorizada", "list_price": "precio de lista",
        "facility": "en centro", "non_facility": "fuera de centro", "hospital_outpatient": "ambulatorio hospitalario",
        "freestanding": "centro independiente", "all": "todos los entornos",
        "draft": "Borrador", "final": "Definitiva", "sample": "Datos de muestra",
    }),
    enums=MappingProxyType({
        "modifier_indicator": MappingProxyType({
            "0": "0 \u00b7 Nunca juntos: ningún modificador salta la edición",
            "1": "1 \u00b7 Modificador permitido si el historial justifica un servicio distinto",
            "9": "9 \u00b7 La edición no se aplica"}),
        "line_of_business": MappingProxyType({
            "commercial": "Comercial", "medicare_advantage": "Medicare Advantage",
            "original_medicare": "Medicare original", "medicaid_managed_care": "Medicaid de atención gestionada",
            "medicaid": "Medicaid", "marketplace": "Mercado de seguros", "other": "Otra"}),
        "relation": MappingProxyType({
            "bundled": "Agrupado: incluido, no se factura aparte", "companion": "Complementario: se factura con este código",
            "alternative": "Alternativo: se factura en su lugar", "add_on": "Código adicional",
            "replaces": "Sustituye a este código", "replaced_by": "Sustituido por este código"}),
        "per": MappingProxyType({
            "day": "por día", "week": "por semana", "month": "por mes", "year": "por año",
            "course_of_treatment": "por ciclo de tratamiento", "episode": "por episodio", "lifetime": "de por vida"}),
        "claim_type": MappingProxyType({
            "practitioner": "Profesional", "outpatient_hospital": "Hospital ambulatorio",
            "dme_supplier": "Proveedor de equipo médico duradero"}),
        "mue_applied": MappingProxyType({
            "claim_line": "Por línea de reclamación", "day_policy": "Por día (política)",
            "day_clinical": "Por día (clínico)"}),
    }),
    not_provided="No disponible",
    nothing_missing="Nada: constan todos los campos",
    thousands=".", decimal=",", date="day month year",
    months=("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
    headings=MappingProxyType({
        "summary": "Resumen y panorama general", "billing_overview": "Panorama del código de facturación",
        "clinical_and_coding": "Especificaciones clínicas y de codificación", "clinical_context": "Contexto clínico",
        "workflow": "Flujo de trabajo clínico", "setting": "Entorno habitual",
        "scenarios": "Escenarios clínicos frecuentes", "coding": "Especificaciones de codificación",
        "payers": "Cobertura y reembolso por pagador", "benchmarks": "Referencias de reembolso",
        "payer_notes": "Notas sobre los pagadores", "notes": "Notas", "sources": "Fuentes",
        "disclaimer": "Aviso legal", "contents": "Índice", "at_a_glance": "De un vistazo",
        "criteria_and_notes": "Criterios de cobertura y notas", **_RULE_PARTS,
    }),
    facts=MappingProxyType({
        "scope": "Ámbito", "date": "Fecha", "version": "Versión", "status": "Estado", "audience": "Destinatarios",
        "author": "Autoría", "organization": "Organización", "service_type": "Tipo de servicio",
        "sites_of_service": "Lugares de atención", "payers": "Pagadores incluidos", "missing": "Datos no disponibles",
        "code": "Código", "descriptor": "Descripción oficial", "site_of_service": "Lugar de atención habitual",
    }),
    gaps=MappingProxyType({
        "scope": "Ámbito", "version": "Versión", "audience": "Destinatarios", "author": "Autoría",
        "organization": "Organización", "service_type": "Tipo de servicio", "sites_of_service": "Lugares de atención",
        "workflow": "Flujo de trabajo clínico", "setting": "Entorno habitual",
        "scenarios": "Escenarios clínicos frecuentes", "modifier_guidance": "Cuándo usar cada modificador",
        "payers": "Pagadores", "coverage": "Política de cobertura", "prior_authorization": "Autorización previa",
        "policy": "Referencia de la política médica", "benchmark": "Referencia de reembolso",
        "do_not_use_when": "Cuándo no usar cada modificador",
        "rules": "Reglas de codificación",
        "rules_line": "Reglas de codificación (ediciones, límites, documentación, códigos relacionados)",
        **_RULE_PARTS,
        "ptp_effective_date": "Fecha de vigencia de la edición PTP", "mue_applied": "Aplicación de la MUE",
        "mue_claim_type": "Tipo de reclamación de la MUE", "mue_effective_date": "Fecha de vigencia de la MUE",
        "frequency_applies_to": "Quién aplica el límite de frecuencia",
        "related_description": "Descripción del código relacionado",
        "line_of_business": "Línea de negocio", "criteria": "Criterios de cobertura",
        "prior_authorization_by": "Quién concede la autorización previa", "policy_url": "Enlace a la política médica",
        "policy_effective_date": "Vigencia de la política médica", "policy_number": "Número de la política médica",
        "policy_issuer": "Emisor de la política médica", "benchmark_geography": "Ámbito geográfico de la referencia",
        "benchmark_period": "Periodo de la referencia", "accessed": "Fecha de consulta de la fuente",
    }),
    nouns=MappingProxyType({"payer": ("pagador", "pagadores"), "modifier": ("modificador", "modificadores"),
                            "briefing": ("informe", "informes"), "policy": ("política", "políticas"),
                            "benchmark": ("referencia", "referencias"), "source": ("fuente", "fuentes"),
                            "edit": ("edición", "ediciones"), "limit": ("límite", "límites"),
                            "code": ("código", "códigos")}),
    columns=MappingProxyType({
        "column_1": "Columna 1", "column_2": "Columna 2", "modifier_indicator": "Indicador de modificador",
        "effective": "Vigencia", "deleted": "Baja", "note": "Nota", "code": "Código", "units": "Unidades por día",
        "applied": "Aplicación", "claim_type": "Reclamaciones", "limit": "Límite", "applies_to": "Aplicado por",
        "name": "Nombre", "description": "Descripción", "system": "Sistema de códigos", "relation": "Relación",
        "date": "Fecha", "change": "Cambio", "do_not_use_when": "Cuándo no usarlo", "payer": "Pagador",
        "criteria": "Criterios de cobertura", "notes": "Notas", "geography": "Ámbito geográfico",
        "period": "Periodo",
    }),
    details=MappingProxyType({
        "line_of_business": "Línea de negocio", "granted_by": "Concede", "policy_number": "Número",
        "issued_by": "Emitida por", "effective": "Vigencia", "policy_link": "Enlace", "accessed": "Consultada",
        "setting": "entorno",
    }),
    gap="{label}: {missing}", gap_for="{label}: {missing} en {detail}", count="{k} de {n} {noun}",
    no_benchmark="ninguno de los {n} pagadores; no se muestra el gráfico",
    eyebrow="Informe del código {system}",
    logo="Logotipo de {organization}", logo_unnamed="Logotipo de la entidad editora",
    modifier_headers=("Modificador", "Descripción", "Cuándo usarlo"),
    coverage_headers=("Pagador", "Cobertura", "Autorización previa", "Política médica", "Referencia"),
    benchmark_headers=("Pagador", "Importe", "Base", "Entorno", "Vigencia"),
    summaries=MappingProxyType({
        "at_a_glance": "De un vistazo", "key_facts": "Datos clave de {label}", "modifiers": "Modificadores de {label}",
        "coverage": "Cobertura por pagador", "benchmarks": "Referencias de reembolso",
        "packet": "Informes de este dosier", "rules": "{part} de {label}",
        "criteria_and_notes": "Criterios de cobertura y notas",
    }),
    percent="{amount} % de Medicare", money="{amount} {symbol} {currency}",
    effective=" (vigente desde el {date})", policy_effective="Vigente desde el {date}", benchmark="Referencia",
    left_out="Fuera del gráfico, sin otra cifra del mismo tipo con la que compararla (véase la tabla): {names}.",
    chart_title="Referencia de reembolso por pagador ({unit})",
    chart_alt="Gráfico de barras de las referencias de reembolso{continued}: {items}.", continued=" (continuación)",
    note="[{number}] {payer}: {title}", note_general="[{number}] {title}", accessed="Consultado el {date}",
    page="Página {page} de {total}", contents_entry="{title}, página {page}", version="v{version}",
    subject="Informe sobre {label}, {scope}", scope_not_provided="ámbito no indicado",
    watermarks=MappingProxyType({"draft": "BORRADOR", "sample": "DATOS DE MUESTRA"}),
    packet_eyebrow="DOSIER DE REUNIÓN", packet_subject="Dosier de reunión: {labels}",
    packet_list="Informes de este dosier", packet_headers=("Código", "Informe", "Estado", "Páginas"),
    none="Ninguno", in_effect="Vigente", documentation_lead="El historial debe reflejar:",
    benchmark_groups="Las barras se agrupan por base y entorno: compare solo las de un mismo grupo.",
    illustrative_mark="\u2020",
    illustrative_legend="\u2020 Ilustrativa: una estimación o un ejemplo, no una cifra publicada ni contratada.",
    illustrative_alt=" (ilustrativa)",
)
