# bash completion for gpupt-setup(8)                       -*- shell-script -*-
# Installed as /usr/share/bash-completion/completions/gpupt-setup.
# shellcheck shell=bash

# Every option of gpupt-setup, one a line: the long name, then what its
# argument is ("-" none; a "?" after the kind: the argument may be left
# out).  Adding an option to gpupt-setup is adding its line here
# (tests/ts/completion/options fails until every option of --help is here).
#   file: a file   dir: a directory   addr: a GPU's bus address (--list --json)
#   guards: a comma list of the answers file's force words
#   formats: a --vm-config output format
_gpupt_setup_opts='
--list      -
--check     -
--json      -
--status    -
--health    -
--answers   file
--dry-run   -
--revert    -
--confirm   -
--if-healthy -
--trial     -
--all       -
--remount   -
--bind-now  addr?
--unbind-now addr?
--force     guards
--vm-config addr?
--format    formats
--root      dir
--help      -
--version   -
'

# The force words of an answers file (gpupt-setup(8), ANSWERS FILE).
_gpupt_setup_guards='boot-display last-gpu group iommu partial-group'

# The output formats of --vm-config (gpupt-setup(8), VM CONFIGURATION).
_gpupt_setup_formats='libvirt qemu virt-install'

# The kind of argument option $1 takes ("-" none, "" unknown option).
_gpupt_setup_kind()
{
    local name kind
    while read -r name kind; do
        if [[ $name == "$1" ]]; then
            printf '%s\n' "$kind"
            return
        fi
    done <<<"$_gpupt_setup_opts"
}

# The GPUs' bus addresses of the machine (of --root DIR when the line has it).
_gpupt_setup_gpus()
{
    local root=() i
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == --root ]] && ((i + 1 < COMP_CWORD)); then
            root=(--root "${COMP_WORDS[i + 1]}")
        elif [[ ${COMP_WORDS[i]} == --root=* ]]; then
            root=(--root "${COMP_WORDS[i]#--root=}")
        fi
    done
    # A device's own address is at the devices array's indent; its class
    # id follows it.  Display controllers are class 0x03.
    "${COMP_WORDS[0]}" "${root[@]}" --list --json 2>/dev/null |
        awk '/^      "address": "/ { split($0, q, "\""); a = q[4] }
             /^        "id": "0x03/ { if (a != "") print a; a = "" }'
}

# Complete the argument of kind $1 from the word $2.
_gpupt_setup_value()
{
    local kind=${1%\?} cur=$2 prefix
    case $kind in
    file) _filedir ;;
    dir) _filedir -d ;;
    addr) mapfile -t COMPREPLY < <(compgen -W "$(_gpupt_setup_gpus)" -- "$cur") ;;
    guards)
        # The words already given stay; the last one is completed.
        prefix=""
        [[ $cur == *,* ]] && prefix=${cur%,*},
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$_gpupt_setup_guards" -- "${cur##*,}")
        compopt -o nospace 2>/dev/null
        ;;
    formats)
        mapfile -t COMPREPLY < <(compgen -W "$_gpupt_setup_formats" -- "$cur")
        ;;
    esac
}

_gpupt_setup()
{
    # _init_completion sets all four; only cur and prev are used here.
    # shellcheck disable=SC2034
    local cur prev words cword kind
    _init_completion -n = || return

    # --opt=VALUE
    if [[ $cur == --*=* ]]; then
        kind=$(_gpupt_setup_kind "${cur%%=*}")
        cur=${cur#*=}
        [[ -n $kind && $kind != - ]] && _gpupt_setup_value "$kind" "$cur"
        return
    fi
    # --opt VALUE: an argument that may be left out is offered with the options.
    kind=$(_gpupt_setup_kind "$prev")
    if [[ -n $kind && $kind != - && $kind != *\? ]]; then
        _gpupt_setup_value "$kind" "$cur"
        return
    fi
    if [[ $kind == *\? && $cur != -* ]]; then
        _gpupt_setup_value "$kind" "$cur"
        [[ ${#COMPREPLY[@]} -gt 0 ]] && return
    fi
    if [[ $cur == -* || -z $cur ]]; then
        local name opts=()
        while read -r name kind; do
            [[ -n $name ]] && opts+=("$name")
        done <<<"$_gpupt_setup_opts"
        mapfile -t COMPREPLY < <(compgen -W "${opts[*]}" -- "$cur")
    fi
} && complete -F _gpupt_setup gpupt-setup
