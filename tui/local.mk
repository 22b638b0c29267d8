# tui/: ncurses widgets and the event loop. Nothing about certificates here.
