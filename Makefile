# Regenerate the README picture of page 1 (needs poppler-utils' pdftoppm).
.PHONY: picture
picture:
	briefpdf render sources/77301.yaml
	pdftoppm -png -r 110 -f 1 -l 1 -singlefile out/77301.pdf docs/page1
