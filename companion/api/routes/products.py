"""Products drafted from conversations (action plan, advice note, annual plan, learning goal) as suggestions."""

from __future__ import annotations

from fastapi import APIRouter

from companion.api.deps import PrincipalDep, ServicesDep
from companion.api.routes.suggestions import suggestion_out
from companion.api.schemas.general import Language
from companion.api.schemas.review import ProductDraftIn, ProductKindOut, SuggestionOut
from companion.review import drafting, products

router = APIRouter(prefix="/products", tags=["products"])


@router.get("", response_model=list[ProductKindOut])
def list_kinds(me: PrincipalDep, services: ServicesDep, language: Language | None = None):
    """The products that can be drafted, with their names and the JSON schema of their content."""
    lang = language or me.language
    prompts_dir = services.settings.prompts_dir
    return [ProductKindOut(kind=k, name=products.product_name(prompts_dir, k, lang),
                           labels=products.template(prompts_dir, k, lang)["labels"],
                           json_schema=products.PRODUCT_TYPES[k].model_json_schema())
            for k in products.PRODUCT_KINDS]


@router.post("", response_model=SuggestionOut, status_code=201,
             responses={502: {"description": "the language model gave no valid product; nothing was saved"}})
def draft_product(body: ProductDraftIn, me: PrincipalDep, services: ServicesDep):
    """Draft a product from your conversation. It is a draft only you see: preview and edit it, then send it to
    your expert (POST /api/suggestions/{id}/send), choosing what they may see."""
    s = drafting.draft(services, me, body.conversation_id, body.kind, mode=body.mode,
                       situation_ids=body.situation_ids)
    with services.sessions() as session:
        return suggestion_out(session, session.merge(s), me)
