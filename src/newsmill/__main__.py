from newsmill.cli import _entry

# Guarded: the batch engine's worker processes (multiprocessing "spawn") re-import this module.
if __name__ == "__main__":
    _entry()
