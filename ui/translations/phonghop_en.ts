<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgendaModel</name>
    <message numerus="yes">
        <source>%n request(s) to speak</source>
        <translation>
            <numerusform>%n request to speak</numerusform>
            <numerusform>%n requests to speak</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server was restored from a backup. This device has read the session again and is sending its %n unconfirmed change(s) again.</source>
        <translation>
            <numerusform>The server was restored from a backup. This device has read the session again and is sending its %n unconfirmed change again.</numerusform>
            <numerusform>The server was restored from a backup. This device has read the session again and is sending its %n unconfirmed changes again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server has lost recent data. This device has read the session again and is sending its %n unconfirmed change(s) again.</source>
        <translation>
            <numerusform>The server has lost recent data. This device has read the session again and is sending its %n unconfirmed change again.</numerusform>
            <numerusform>The server has lost recent data. This device has read the session again and is sending its %n unconfirmed changes again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The data of this device was copied from another device. It now syncs under its own identity; %n waiting change(s) are being sent again.</source>
        <translation>
            <numerusform>The data of this device was copied from another device. It now syncs under its own identity; %n waiting change is being sent again.</numerusform>
            <numerusform>The data of this device was copied from another device. It now syncs under its own identity; %n waiting changes are being sent again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server no longer knew this device&apos;s latest changes. It now syncs under a new identity; %n waiting change(s) are being sent again.</source>
        <translation>
            <numerusform>The server no longer knew this device&apos;s latest changes. It now syncs under a new identity; %n waiting change is being sent again.</numerusform>
            <numerusform>The server no longer knew this device&apos;s latest changes. It now syncs under a new identity; %n waiting changes are being sent again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The local data of this device belonged to another user. It now syncs under its own identity; %n waiting change(s) are being sent again.</source>
        <translation>
            <numerusform>The local data of this device belonged to another user. It now syncs under its own identity; %n waiting change is being sent again.</numerusform>
            <numerusform>The local data of this device belonged to another user. It now syncs under its own identity; %n waiting changes are being sent again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You no longer have access to a session; its data has been removed from this device (%n unsent change(s) could not be delivered).</source>
        <translation>
            <numerusform>You no longer have access to a session; its data has been removed from this device (%n unsent change could not be delivered).</numerusform>
            <numerusform>You no longer have access to a session; its data has been removed from this device (%n unsent changes could not be delivered).</numerusform>
        </translation>
    </message>
</context>
</TS>
