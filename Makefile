# Regenerate the README's page images (needs poppler-utils' pdftoppm): page 1 of the sample at
# 110 dpi, then every page of the sample and of the fixture with every part of the format at 70 dpi.
.PHONY: picture
picture:
	briefpdf render sources/77301.yaml
	briefpdf render tests/fixtures/coding_full.yaml
	pdftoppm -png -r 110 -f 1 -l 1 -singlefile out/77301.pdf docs/page1
	rm -f docs/77301-*.png docs/coding_full-*.png
	pdftoppm -png -r 70 out/77301.pdf docs/77301
	pdftoppm -png -r 70 out/coding_full.pdf docs/coding_full
