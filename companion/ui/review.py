"""Page placeholder: being built (see the open issues)."""

import streamlit as st

from companion.ui.common import tr

st.title(tr("page_review"))
