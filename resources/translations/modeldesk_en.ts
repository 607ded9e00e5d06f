<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <location filename="../../modeldesk/ui/transfer_model.py" line="277"/>
        <source> + %n mirror(s)</source>
        <translation>
            <numerusform> + %n mirror</numerusform>
            <numerusform> + %n mirrors</numerusform>
        </translation>
    </message>
</context>
</TS>
