-- A <div class="page-break"> of the plan's HTML (app/render/office.py) becomes a real page break.
-- The ODT one is a paragraph of the "Pagebreak" style, which office.py adds (break-before: page).
function Div(div)
  if not div.classes:includes("page-break") then
    return nil
  end
  if FORMAT == "docx" then
    return pandoc.RawBlock("openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
  end
  return pandoc.RawBlock("opendocument", '<text:p text:style-name="Pagebreak"/>')
end
