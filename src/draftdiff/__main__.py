from draftdiff.cli import main

main()
