// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }

  // After a failed submit, take the visitor (and the screen reader) to the list of errors.
  const summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
  }

  for (const select of document.querySelectorAll("select[data-filterable]")) {
    addFilter(select);
  }
});

// A search box before a long list: typing hides the options (and county groups) that do
// not contain the text. The list itself stays a native, keyboard-accessible <select>.
function addFilter(select) {
  const input = document.createElement("input");
  input.type = "search";
  input.id = `${select.id}_filter`;
  input.className = "select-filter";
  input.autocomplete = "off";
  input.setAttribute("aria-controls", select.id);
  const filterLabel = document.createElement("label");
  filterLabel.htmlFor = input.id;
  filterLabel.className = "select-filter__label";
  filterLabel.textContent = select.dataset.filterLabel;
  select.before(filterLabel, input);

  const normalise = (text) => text.toLocaleLowerCase().normalize("NFD").replace(/\p{Diacritic}/gu, "");
  input.addEventListener("input", () => {
    const query = normalise(input.value.trim());
    for (const group of select.querySelectorAll("optgroup")) {
      const groupMatches = normalise(group.label).includes(query);
      let visible = 0;
      for (const option of group.querySelectorAll("option")) {
        const show = !query || groupMatches || normalise(option.textContent).includes(query);
        option.hidden = !show;
        visible += show ? 1 : 0;
      }
      group.hidden = visible === 0;
    }
    for (const option of select.querySelectorAll(":scope > option")) {
      option.hidden = Boolean(query) && option.value !== "" && !normalise(option.textContent).includes(query);
    }
  });
}
